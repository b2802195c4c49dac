namespace FaceVerify;

/// <summary>
/// The loop of the expiry hosted services: a sweep every <c>interval</c> of <see cref="TimeProvider"/> time; a full batch
/// means more may be waiting, so it sweeps again at once (at most 10 rounds a tick, so one tick cannot run forever); a
/// failed sweep is reported and retried at the next tick; stopping ends the loop quietly.
/// </summary>
internal static class PeriodicSweep
{
    private const int MaxRoundsPerTick = 10;

    public static async Task RunAsync(
        TimeSpan interval,
        int batchSize,
        TimeProvider time,
        Func<CancellationToken, ValueTask<int>> sweep,
        Action<Exception> failed,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    for (var round = 0; round < MaxRoundsPerTick; round++)
                    {
                        if (await sweep(stoppingToken).ConfigureAwait(false) < batchSize)
                        {
                            break;
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
