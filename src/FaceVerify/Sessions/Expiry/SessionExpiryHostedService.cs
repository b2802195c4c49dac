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

        await PeriodicSweep.RunAsync(_options.Interval, _options.BatchSize, _time, _sweeper.SweepAsync, exception => ExpiryLog.SessionSweepFailed(_logger, exception), stoppingToken)
            .ConfigureAwait(false);
    }
}
