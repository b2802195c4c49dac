namespace FaceVerify.SampleHost;

/// <summary>Where the sample host exports FaceVerify's metrics and traces.</summary>
public enum SampleTelemetry
{
    /// <summary>Not exported (default).</summary>
    None,

    /// <summary>Written to the console by the OpenTelemetry console exporter.</summary>
    Console,

    /// <summary>Sent with OTLP to <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (default <c>http://localhost:4317</c>).</summary>
    Otlp,
}
