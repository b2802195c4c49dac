using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>Runs <see cref="ISessionExpirySweeper"/> every <see cref="SessionExpiryOptions.Interval"/> of <see cref="TimeProvider"/> time; a failed sweep is logged and retried at the next tick.</summary>
internal sealed class SessionExpiryHostedService : BackgroundService
{
    private readonly ISessionExpirySweeper _sweeper;
    private readonly SessionExpiryOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public SessionExpiryHostedService(ISessionExpirySweeper sweeper, IOptions<SessionExpiryOptions> options, TimeProvider time, ILogger<SessionExpiryHostedService> logger)
    {
        _sweeper = sweeper;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.Interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    // A full batch means more may be waiting: sweep again at once (bounded, so one tick cannot run forever).
                    for (var round = 0; round < 10; round++)
                    {
                        if (await _sweeper.SweepAsync(stoppingToken).ConfigureAwait(false) < _options.BatchSize)
                        {
                            break;
                        }
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    ExpiryLog.SweepFailed(_logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
