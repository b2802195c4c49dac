using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>Runs <see cref="IEnrolmentExpirySweeper"/> every <see cref="EnrolmentExpiryOptions.Interval"/> of <see cref="TimeProvider"/> time; a failed sweep is logged and retried at the next tick.</summary>
internal sealed class EnrolmentExpiryHostedService(
    IEnrolmentExpirySweeper sweeper,
    EnrolmentExpiryIndexSource source,
    IOptions<EnrolmentExpiryOptions> options,
    TimeProvider time,
    ILogger<EnrolmentExpiryHostedService> logger) : BackgroundService
{
    private readonly EnrolmentExpiryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        if (source.Index is null)
        {
            EnrolmentExpiryLog.NoIndex(logger);
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    // A full batch means more may be waiting: sweep again at once (bounded, so one tick cannot run forever).
                    for (var round = 0; round < 10; round++)
                    {
                        if (await sweeper.SweepAsync(stoppingToken).ConfigureAwait(false) < _options.BatchSize)
                        {
                            break;
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    EnrolmentExpiryLog.SweepFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
