using System.Diagnostics;

namespace FaceVerify;

/// <summary>Times one store call (the call is a delegate, so a store that throws before returning its task is measured too) into <c>faceverify.store.call.duration</c> with a span <c>FaceVerify.Store</c> (error status on failure).</summary>
internal static class StoreCall
{
    public static async ValueTask<T> RunAsync<T>(FaceVerifyMetrics metrics, string store, string operation, Func<ValueTask<T>> call)
    {
        using var activity = Start(store, operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failure";
        try
        {
            var result = await call().ConfigureAwait(false);
            outcome = "success";
            return result;
        }
        catch (Exception exception)
        {
            FaceVerifyActivities.Failed(activity, exception);
            throw;
        }
        finally
        {
            Record(metrics, store, operation, outcome, started);
        }
    }

    public static async ValueTask RunAsync(FaceVerifyMetrics metrics, string store, string operation, Func<ValueTask> call)
    {
        using var activity = Start(store, operation);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failure";
        try
        {
            await call().ConfigureAwait(false);
            outcome = "success";
        }
        catch (Exception exception)
        {
            FaceVerifyActivities.Failed(activity, exception);
            throw;
        }
        finally
        {
            Record(metrics, store, operation, outcome, started);
        }
    }

    private static Activity? Start(string store, string operation)
    {
        var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.Store", ActivityKind.Client);
        activity?.SetTag(FaceVerifyMetrics.StoreTag, store);
        activity?.SetTag(FaceVerifyMetrics.OperationTag, operation);
        return activity;
    }

    private static void Record(FaceVerifyMetrics metrics, string store, string operation, string outcome, long started)
        => metrics.StoreCallDuration.Record(
            FaceVerifyMetrics.SecondsSince(started),
            new TagList { { FaceVerifyMetrics.StoreTag, store }, { FaceVerifyMetrics.OperationTag, operation }, { FaceVerifyMetrics.OutcomeTag, outcome } });
}
