using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>The default <see cref="ISessionExpirySweeper"/>: lists expired entries, completes the open ones as Expired, removes handled entries.</summary>
internal sealed class SessionExpirySweeper : ISessionExpirySweeper
{
    private readonly IAttemptStore _attempts;
    private readonly FaceVerifyMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SessionExpiryOptions _options;

    public SessionExpirySweeper(IAttemptStore attempts, FaceVerifyMetrics metrics, IOptions<SessionExpiryOptions> options, TimeProvider time, ILogger<SessionExpirySweeper> logger)
    {
        _attempts = attempts;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _options = options.Value;
    }

    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (_attempts is not ISessionExpiryIndex index)
        {
            return 0;
        }

        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.ExpirySweep");
        try
        {
            var now = _time.GetUtcNow();
            var entries = await index.GetExpiredAsync(now, _options.BatchSize, cancellationToken).ConfigureAwait(false);
            var completed = 0;
            foreach (var entry in entries)
            {
                var session = await _attempts.GetSessionAsync(entry.SessionId, cancellationToken).ConfigureAwait(false);
                if (session is not null && !session.IsFinal && session.IsExpiredAt(now))
                {
                    var (stored, won) = await SessionCompletion.CompleteAsync(_attempts, session.Id, SessionCompletion.Expired, now, cancellationToken).ConfigureAwait(false);
                    if (won && stored is not null)
                    {
                        completed++;
                        _metrics.Completed(stored, "expiry");
                        ExpiryLog.SessionExpired(_logger, stored.Id, stored.FrameCount);
                    }
                }

                if (session is null || session.IsFinal || session.IsExpiredAt(now))
                {
                    await index.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
                }
            }

            activity?.SetTag("faceverify.expiry.listed", entries.Count);
            activity?.SetTag("faceverify.expiry.completed", completed);
            _metrics.ExpirySweeps.Add(1, new KeyValuePair<string, object?>(FaceVerifyMetrics.OutcomeTag, "success"));
            return completed;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity?.SetTag(FaceVerifyMetrics.ErrorTypeTag, exception.GetType().FullName);
            _metrics.ExpirySweeps.Add(1, new KeyValuePair<string, object?>(FaceVerifyMetrics.OutcomeTag, "failure"));
            throw;
        }
    }
}
