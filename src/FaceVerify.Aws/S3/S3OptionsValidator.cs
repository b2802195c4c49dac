namespace FaceVerify.Aws.S3;

/// <summary>Cross-field rules of <see cref="S3Options"/>.</summary>
internal sealed class S3OptionsValidator(AwsDefaults defaults)
    : AwsOptionsValidator<S3Options>(defaults, S3Options.SectionName)
{
    protected override (string? Region, string? ServiceUrl) Endpoint(S3Options options) => (options.Region, options.ServiceUrl);

    protected override void AddFailures(S3Options options, List<string> failures)
    {
        RequireAbsoluteServiceUrl(options.ServiceUrl, failures);
        if (!string.IsNullOrEmpty(options.KmsKeyId) && options.ServerSideEncryption != "aws:kms")
        {
            failures.Add("FaceVerify:S3:KmsKeyId needs FaceVerify:S3:ServerSideEncryption = aws:kms.");
        }

        RequireKeyPair(options.AccessKeyId, options.SecretAccessKey, failures);
    }
}
