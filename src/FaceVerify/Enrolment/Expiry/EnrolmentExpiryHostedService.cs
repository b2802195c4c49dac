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
            ExpiryLog.NoEnrolmentExpiryIndex(logger);
            return;
        }

        await PeriodicSweep.RunAsync(_options.Interval, _options.BatchSize, time, sweeper.SweepAsync, exception => ExpiryLog.EnrolmentSweepFailed(logger, exception), stoppingToken)
            .ConfigureAwait(false);
    }
}
