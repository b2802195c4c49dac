namespace FaceVerify.SampleHost;

/// <summary>The sample host's own settings (section <c>FaceVerify:Sample</c>).</summary>
public sealed class SampleOptions
{
    public const string SectionName = "FaceVerify:Sample";

    /// <summary>
    /// Where the face analysis and storage run: <c>Local</c> (default: the local face engine from tools/local-aws,
    /// in-memory stores), <c>LocalStack</c> (the local face engine, DynamoDB and S3 from tools/local-aws) or <c>Aws</c>
    /// (real Amazon Rekognition, DynamoDB and S3 configured under <c>FaceVerify:Rekognition</c>, <c>:DynamoDb</c>, <c>:S3</c>).
    /// </summary>
    public SampleMode Mode { get; set; } = SampleMode.Local;

    /// <summary>The tools/local-aws folder. Default: found by walking up from the content root.</summary>
    public string? LocalAwsPath { get; set; }

    /// <summary>The node executable. Default: <c>node</c> on the PATH.</summary>
    public string NodePath { get; set; } = "node";

    /// <summary>
    /// Test seam: a seed that makes the challenge parameters (and session ids) reproducible, so browser tests can make a
    /// camera video for a known nose target. Never set it in a real deployment.
    /// </summary>
    public int? FixedSeed { get; set; }

    /// <summary>Where the FaceVerify meter and activity source are exported: <c>None</c> (default), <c>Console</c> or <c>Otlp</c> (OTEL_EXPORTER_OTLP_ENDPOINT, default http://localhost:4317).</summary>
    public SampleTelemetry Telemetry { get; set; } = SampleTelemetry.None;
}
