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

/// <summary>
/// One retry layer (docs/aws.md, "Resilience"): with <c>UseRekognition()</c> the adapter's pipeline retries and the core's
/// analysis pipeline must not, so <c>UseRekognition()</c> sets <see cref="FaceVerificationOptions.AnalysisMaxRetries"/>
/// to 0. A value the application chose (other than 0 and the default) is not overridden silently: start-up fails and
/// names the setting that owns Rekognition retries. The application's value is the one its configuration gives before
/// that override (every <see cref="IConfigureOptions{TOptions}"/> of the core options, replayed on fresh options).
/// </summary>
internal sealed class RekognitionRetryOwnerValidator(IEnumerable<IConfigureOptions<FaceVerificationOptions>> configures) : IValidateOptions<FaceVerificationOptions>
{
    private static readonly int Default = new FaceVerificationOptions().AnalysisMaxRetries;

    public ValidateOptionsResult Validate(string? name, FaceVerificationOptions options)
    {
        var chosen = new FaceVerificationOptions();
        foreach (var configure in configures)
        {
            if (configure is IConfigureNamedOptions<FaceVerificationOptions> named)
            {
                named.Configure(name ?? Options.DefaultName, chosen);
            }
            else
            {
                configure.Configure(chosen);
            }
        }

        return chosen.AnalysisMaxRetries == 0 || chosen.AnalysisMaxRetries == Default
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"FaceVerify:AnalysisMaxRetries is {chosen.AnalysisMaxRetries}, but with UseRekognition() the Rekognition adapter is the one retry layer and the core's analysis retries are off: set FaceVerify:Rekognition:MaxRetryAttempts instead, and remove FaceVerify:AnalysisMaxRetries (or set it to 0).");
    }
}
