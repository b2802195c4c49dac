using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.S3;

/// <summary>Cross-field rules of <see cref="S3Options"/>.</summary>
internal sealed class S3OptionsValidator(AwsDefaults defaults) : IValidateOptions<S3Options>
{
    public ValidateOptionsResult Validate(string? name, S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!defaults.Resolve(options.Region, options.ServiceUrl).IsComplete)
        {
            failures.Add(AwsDefaults.MissingRegion(S3Options.SectionName));
        }

        if (options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add("FaceVerify:S3:ServiceUrl must be an absolute URL.");
        }

        if (!string.IsNullOrEmpty(options.KmsKeyId) && options.ServerSideEncryption != "aws:kms")
        {
            failures.Add("FaceVerify:S3:KmsKeyId needs FaceVerify:S3:ServerSideEncryption = aws:kms.");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            failures.Add("FaceVerify:S3:AccessKeyId and FaceVerify:S3:SecretAccessKey must be set together.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
