using System.Diagnostics;

namespace FaceVerify;

/// <summary>Helpers that put FaceVerify's conventions on spans: error status with the exception type (never its message), outcome tags.</summary>
internal static class FaceVerifyActivities
{
    /// <summary>Marks a span failed: status Error with the exception type, and OpenTelemetry's <c>error.type</c>.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag(FaceVerifyMetrics.ErrorTypeTag, exception.GetType().FullName);
    }

    /// <summary>Sets an outcome and reason on a span; an expected failure (a refused frame, a failed challenge) is not an error status.</summary>
    public static void Outcome(Activity? activity, string outcome, string? reason = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(FaceVerifyMetrics.OutcomeTag, outcome);
        if (reason is not null)
        {
            activity.SetTag(FaceVerifyMetrics.ReasonTag, reason);
        }
    }
}
