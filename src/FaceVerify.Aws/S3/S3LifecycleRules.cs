namespace FaceVerify.Aws.S3;

/// <summary>What <see cref="S3FrameStore"/> does at start-up about the bucket's lifecycle rules, which enforce retention in S3 (<see cref="S3Options.LifecycleRules"/>).</summary>
public enum S3LifecycleRules
{
    /// <summary>Nothing: the bucket's lifecycle configuration is not read.</summary>
    None,

    /// <summary>Reads the configuration (<c>GetBucketLifecycleConfiguration</c>) and logs a warning naming the bucket, prefix and needed days when a rule is missing or too long, or when it cannot be read; start-up goes on.</summary>
    Warn,

    /// <summary>Reads the configuration and fails start-up with a message naming the bucket, prefix and needed days when a rule is missing or too long, or when it cannot be read.</summary>
    Verify,

    /// <summary>Reads the configuration and writes the missing rules (<c>PutBucketLifecycleConfiguration</c>), keeping the bucket's other rules and replacing FaceVerify's own rules (ids <c>faceverify-sessions</c>, <c>faceverify-enrolments</c>) when they are too long.</summary>
    Create,
}
