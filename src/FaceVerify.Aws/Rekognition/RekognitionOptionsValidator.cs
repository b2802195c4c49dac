using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Rekognition;

/// <summary>Cross-field rules of <see cref="RekognitionOptions"/>: its own, in place of the defaults (it also has a session token and retry delays).</summary>
internal sealed class RekognitionOptionsValidator(AwsDefaults defaults)
    : AwsOptionsValidator<RekognitionOptions>(defaults, RekognitionOptions.SectionName)
{
    protected override void AddFailures(RekognitionOptions options, List<string> failures)
    {
        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            failures.Add("FaceVerify:Rekognition:AccessKeyId and FaceVerify:Rekognition:SecretAccessKey must be set together (or both left empty to use the default credential chain).");
        }

        if (!string.IsNullOrEmpty(options.SessionToken) && string.IsNullOrEmpty(options.AccessKeyId))
        {
            failures.Add("FaceVerify:Rekognition:SessionToken needs FaceVerify:Rekognition:AccessKeyId and SecretAccessKey.");
        }

        if (options.ServiceUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add("FaceVerify:Rekognition:ServiceUrl must be an absolute http or https URL.");
        }

        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            failures.Add("FaceVerify:Rekognition:RetryMaxDelay must not be shorter than FaceVerify:Rekognition:RetryBaseDelay.");
        }
    }
}

/// <summary>
/// The inner timeout must be shorter than the outer one: Rekognition's <see cref="RekognitionOptions.AttemptTimeout"/>
/// against the core's <see cref="FaceVerificationOptions.AnalysisTimeout"/>, the overall deadline of one analysis.
/// A validator of the core options (they depend on the analyzer, never the other way round).
/// </summary>
internal sealed class RekognitionTimeoutsValidator(IOptions<RekognitionOptions> rekognition) : IValidateOptions<FaceVerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, FaceVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var attempt = rekognition.Value.AttemptTimeout;
        return attempt < options.AnalysisTimeout
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"FaceVerify:Rekognition:AttemptTimeout ({attempt.TotalSeconds:0.###} s) must be shorter than FaceVerify:AnalysisTimeout ({options.AnalysisTimeout.TotalSeconds:0.###} s), the overall deadline of one analysis; otherwise the inner timeout never fires.");
    }
}
