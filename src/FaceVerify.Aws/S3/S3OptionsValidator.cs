namespace FaceVerify.Aws.S3;

/// <summary>Cross-field rules of <see cref="S3Options"/>: those of every AWS client, and a KMS key only with SSE-KMS.</summary>
internal sealed class S3OptionsValidator(AwsDefaults defaults)
    : AwsOptionsValidator<S3Options>(defaults, S3Options.SectionName)
{
    protected override void AddServiceFailures(S3Options options, List<string> failures)
    {
        if (!string.IsNullOrEmpty(options.KmsKeyId) && options.ServerSideEncryption != "aws:kms")
        {
            failures.Add("FaceVerify:S3:KmsKeyId needs FaceVerify:S3:ServerSideEncryption = aws:kms.");
        }
    }
}
