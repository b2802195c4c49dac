using System.Diagnostics;

namespace FaceVerify;

/// <summary>Face login with its instruments: <c>faceverify.login.attempts</c> and <c>.duration</c> by outcome and reason, and a <c>FaceVerify.Login</c> span.</summary>
internal sealed class InstrumentedFaceLoginService(IFaceLoginService inner, FaceVerifyMetrics metrics) : IFaceLoginService
{
    public async ValueTask<FaceLoginResult> LoginAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.Login");
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList();
        try
        {
            var result = await inner.LoginAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
            var outcome = result.Succeeded ? "passed" : "failed";
            var reason = result.Succeeded ? "passed" : FaceVerifyMetrics.ReasonCode(result.Reason);
            tags.Add(FaceVerifyMetrics.OutcomeTag, outcome);
            tags.Add(FaceVerifyMetrics.ReasonTag, reason);
            FaceVerifyActivities.Outcome(activity, outcome, reason);
            return result;
        }
        catch (Exception exception)
        {
            tags.Add(FaceVerifyMetrics.OutcomeTag, "error");
            tags.Add(FaceVerifyMetrics.ErrorTypeTag, exception.GetType().FullName);
            FaceVerifyActivities.Failed(activity, exception);
            throw;
        }
        finally
        {
            metrics.LoginAttempts.Add(1, tags);
            metrics.LoginDuration.Record(FaceVerifyMetrics.SecondsSince(started), tags);
        }
    }
}
