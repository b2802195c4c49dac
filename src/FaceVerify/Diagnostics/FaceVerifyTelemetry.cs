using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FaceVerify;

/// <summary>
/// FaceVerify's metrics and traces: one <see cref="System.Diagnostics.Metrics.Meter"/> and one
/// <see cref="System.Diagnostics.ActivitySource"/>, both named <c>FaceVerify</c>. Tags carry reasons and challenge
/// types, never user ids, tokens or biometric data.
/// </summary>
public static class FaceVerifyTelemetry
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "FaceVerify";

    /// <summary>The activity source for traces (start, frame, analysis, verify).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(FaceVerifyTelemetry).Assembly.GetName().Version?.ToString());

    internal static Meter Meter { get; } = new(Name, typeof(FaceVerifyTelemetry).Assembly.GetName().Version?.ToString());

    internal static Counter<long> SessionsStarted { get; } = Meter.CreateCounter<long>("faceverify.sessions.started", description: "Sessions started, by challenge type.");

    internal static Counter<long> SessionsRefused { get; } = Meter.CreateCounter<long>("faceverify.sessions.refused", description: "Session starts refused, by reason.");

    internal static Counter<long> FramesAccepted { get; } = Meter.CreateCounter<long>("faceverify.frames.accepted", description: "Frames accepted.");

    internal static Counter<long> FramesRejected { get; } = Meter.CreateCounter<long>("faceverify.frames.rejected", description: "Frames rejected, by reason.");

    internal static Counter<long> FramesSkipped { get; } = Meter.CreateCounter<long>("faceverify.frames.analysis_skipped", description: "Frames not analysed because the challenge was already decided.");

    internal static Counter<long> Outcomes { get; } = Meter.CreateCounter<long>("faceverify.sessions.completed", description: "Sessions completed, by status and reason.");

    internal static Histogram<double> AnalysisDuration { get; } = Meter.CreateHistogram<double>("faceverify.analysis.duration", unit: "ms", description: "Duration of one frame analysis, retries included.");

    internal static Counter<long> AnalysisFailures { get; } = Meter.CreateCounter<long>("faceverify.analysis.failures", description: "Frame analyses that failed after retries.");
}
