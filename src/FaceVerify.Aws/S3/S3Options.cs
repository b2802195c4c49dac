using System.ComponentModel.DataAnnotations;

namespace FaceVerify.Aws.S3;

/// <summary>Options of <see cref="S3FrameStore"/>, bound from configuration section <c>FaceVerify:S3</c>. Either <see cref="Region"/> or <see cref="ServiceUrl"/> is required.</summary>
public class S3Options : IAwsClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FaceVerify:S3";

    /// <summary>The bucket that holds frames and reference images (3–63 characters). Default: none (required).</summary>
    [Required(ErrorMessage = "FaceVerify:S3:BucketName is required.")]
    [RegularExpression("^[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]$", ErrorMessage = "FaceVerify:S3:BucketName must be a valid S3 bucket name (3–63 of a-z, 0-9, '.', '-').")]
    public string? BucketName { get; set; }

    /// <summary>The AWS region, e.g. <c>eu-west-1</c>. Default: none (required unless <see cref="ServiceUrl"/> is set).</summary>
    public string? Region { get; set; }

    /// <summary>An endpoint override, e.g. <c>http://127.0.0.1:4569</c> for s3rver. Default: none.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>Path-style addressing (<c>host/bucket/key</c>), needed by most local S3 engines. Default: <see langword="false"/>.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>An explicit access key id (local endpoints). Default: none (the SDK's default credential chain).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret of <see cref="AccessKeyId"/>. Default: none.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Server-side encryption: <c>AES256</c> (SSE-S3) or <c>aws:kms</c> (SSE-KMS). Default: <c>AES256</c>.</summary>
    [Required]
    [RegularExpression("^(AES256|aws:kms)$", ErrorMessage = "FaceVerify:S3:ServerSideEncryption must be AES256 or aws:kms.")]
    public string ServerSideEncryption { get; set; } = "AES256";

    /// <summary>The KMS key id or ARN for <c>aws:kms</c>. Default: none (the account's <c>aws/s3</c> key).</summary>
    public string? KmsKeyId { get; set; }

    /// <summary>The account id that must own the bucket; requests fail when another account owns it. Default: none (not checked).</summary>
    [RegularExpression("^[0-9]{12}$", ErrorMessage = "FaceVerify:S3:ExpectedBucketOwner must be a 12-digit AWS account id.")]
    public string? ExpectedBucketOwner { get; set; }

    /// <summary>
    /// Send checksums only where S3 requires them and upload without aws-chunked encoding, for S3-compatible engines
    /// (s3rver, older MinIO) that do not understand trailing checksums. Default: <see langword="false"/>.
    /// </summary>
    public bool ChecksumsWhenRequiredOnly { get; set; }

    /// <summary>
    /// What happens at start-up about the lifecycle rules that enforce retention in the bucket: <c>sessions/</c> must
    /// expire within <c>FaceVerify:RetentionPeriod</c> and <c>enrolments/</c> within <c>FaceVerify:EnrolmentRetention</c>,
    /// each rounded up to whole days. Default: <see cref="S3LifecycleRules.Warn"/> (checked and logged, start-up goes on:
    /// the check needs <c>s3:GetLifecycleConfiguration</c>, which existing deployments may not grant, and S3-compatible
    /// engines without lifecycle APIs must keep working). Use <see cref="S3LifecycleRules.Verify"/> in production when
    /// infrastructure code owns the bucket, <see cref="S3LifecycleRules.Create"/> when the application may write them.
    /// </summary>
    public S3LifecycleRules LifecycleRules { get; set; } = S3LifecycleRules.Warn;

    /// <summary>Retries of the SDK's own retry policy (throttling, 5xx) per call. Default: 3.</summary>
    [Range(0, 20, ErrorMessage = "FaceVerify:S3:MaxErrorRetry must be between 0 and 20.")]
    public int MaxErrorRetry { get; set; } = 3;

    /// <summary>The SDK's timeout of one HTTP attempt. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "FaceVerify:S3:Timeout must be between 50 ms and 10 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
