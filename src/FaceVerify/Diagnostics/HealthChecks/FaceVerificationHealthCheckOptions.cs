namespace FaceVerify;

/// <summary>Options of <c>AddFaceVerificationHealthChecks()</c>.</summary>
public class FaceVerificationHealthCheckOptions
{
    /// <summary>The tag every FaceVerify check carries, to map a readiness endpoint on it.</summary>
    public const string ReadyTag = "ready";

    /// <summary>The tag every FaceVerify check carries besides <see cref="ReadyTag"/>.</summary>
    public const string FaceVerifyTag = "faceverify";

    /// <summary>How long one check may take before it reports Unhealthy (it is cancelled). Default: 5 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The status a failing check reports. Default: <c>Unhealthy</c>.</summary>
    public Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus FailureStatus { get; set; } = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy;

    /// <summary>Tags added to every check besides <see cref="FaceVerifyTag"/> and <see cref="ReadyTag"/>. Default: none.</summary>
    public IList<string> Tags { get; } = [];
}
