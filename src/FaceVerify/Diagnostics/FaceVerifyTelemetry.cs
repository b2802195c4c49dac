using System.Diagnostics;

namespace FaceVerify;

/// <summary>
/// FaceVerify's telemetry names: the <see cref="System.Diagnostics.ActivitySource"/> and the meter are both named
/// <c>FaceVerify</c>. The meter is created per service provider through <c>IMeterFactory</c> (listen to it with
/// <c>AddMeter("FaceVerify")</c>); the activity source is process-wide (<c>AddSource("FaceVerify")</c>). Tags carry
/// reasons and challenge types, never user ids, tokens or biometric data. See docs/observability.md.
/// </summary>
public static class FaceVerifyTelemetry
{
    /// <summary>The name of the meter and the activity source.</summary>
    public const string Name = "FaceVerify";

    /// <summary>The activity source for traces (start, frame, analysis, verify, login, enrolment, expiry sweep).</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The version of the meter and activity source: the assembly's version.</summary>
    internal static string? Version => typeof(FaceVerifyTelemetry).Assembly.GetName().Version?.ToString();
}
