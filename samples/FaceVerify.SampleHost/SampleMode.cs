namespace FaceVerify.SampleHost;

/// <summary>Where the sample host's face analysis and storage run.</summary>
public enum SampleMode
{
    /// <summary>Local face engine (child process), in-memory stores.</summary>
    Local,

    /// <summary>Local face engine, DynamoDB and S3 (child process).</summary>
    LocalStack,

    /// <summary>Real AWS.</summary>
    Aws,
}
