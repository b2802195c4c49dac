using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FaceVerify;

/// <summary>
/// Runs one instrumented service call (enrolment, face login) in a span, then counts it in a counter and
/// times it in a histogram, tagged by the outcome (and reason) the caller reads from the result, or
/// <c>error</c> with the exception type when the call throws.
/// </summary>
internal static class MeasuredCall
{
    public static async ValueTask<TResult> RunAsync<TResult>(
        string spanName,
        Counter<long> attempts,
        Histogram<double> duration,
        Func<ValueTask<TResult>> call,
        Func<TResult, (string Outcome, string? Reason)> classify)
    {
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity(spanName);
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList();
        try
        {
            var result = await call().ConfigureAwait(false);
            var (outcome, reason) = classify(result);
            tags.Add(FaceVerifyMetrics.OutcomeTag, outcome);
            if (reason is not null)
            {
                tags.Add(FaceVerifyMetrics.ReasonTag, reason);
            }

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
            attempts.Add(1, tags);
            duration.Record(FaceVerifyMetrics.SecondsSince(started), tags);
        }
    }
}
