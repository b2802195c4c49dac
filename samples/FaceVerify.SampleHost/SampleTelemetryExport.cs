using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FaceVerify.SampleHost;

/// <summary>
/// The OpenTelemetry wiring of docs/observability.md: the <c>FaceVerify</c> meter and activity source to the console or
/// to an OTLP collector. Off unless <c>FaceVerify:Sample:Telemetry</c> says otherwise.
/// </summary>
internal static class SampleTelemetryExport
{
    public static void Configure(IServiceCollection services, SampleTelemetry telemetry)
    {
        if (telemetry == SampleTelemetry.None)
        {
            return;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("faceverify-sample-host"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(FaceVerifyTelemetry.Name);
                if (telemetry == SampleTelemetry.Console)
                {
                    metrics.AddConsoleExporter();
                }
                else
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(FaceVerifyTelemetry.Name);
                if (telemetry == SampleTelemetry.Console)
                {
                    tracing.AddConsoleExporter();
                }
                else
                {
                    tracing.AddOtlpExporter();
                }
            });
    }
}
