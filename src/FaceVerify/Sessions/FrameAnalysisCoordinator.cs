using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FaceVerify;

/// <summary>
/// Analyses accepted frames in the background as they arrive (bounded concurrency across all sessions, each call
/// through a Polly pipeline: per-attempt timeout, retries with exponential back-off and jitter), stores each analysis,
/// and feeds an in-process evaluator per session in sequence order so that analysis stops as soon as the challenge is
/// decided ("decided" is then also written to the store with a conditional write). The in-process state is an
/// optimisation only: verify recomputes the decision from the stored analyses.
/// </summary>
internal sealed class FrameAnalysisCoordinator : IDisposable
{
    private readonly IFaceAnalyzer _analyzer;
    private readonly IAttemptStore _attempts;
    private readonly ChallengeRegistry _challenges;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly SemaphoreSlim _concurrency;
    private readonly int _maxAttempts;
    private readonly FaceVerifyMetrics _metrics;
    private readonly ConcurrentDictionary<string, SessionState> _sessions = new(StringComparer.Ordinal);
    private int _enqueued;

    public FrameAnalysisCoordinator(
        IFaceAnalyzer analyzer,
        IAttemptStore attempts,
        ChallengeRegistry challenges,
        IOptions<FaceVerificationOptions> options,
        TimeProvider time,
        ILogger<FrameAnalysisCoordinator> logger,
        FaceVerifyMetrics metrics,
        AnalysisGate gate)
    {
        _metrics = metrics;
        _analyzer = analyzer;
        _attempts = attempts;
        _challenges = challenges;
        _time = time;
        _logger = logger;
        var value = options.Value;
        _concurrency = gate.Shared; // shared with enrolment and face login (AnalysisGate)
        _maxAttempts = value.AnalysisMaxRetries + 1;
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (value.AnalysisMaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = value.AnalysisMaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = value.AnalysisRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            });
        }

        _pipeline = builder.AddTimeout(value.AnalysisTimeout).Build();
    }

    /// <summary>How many sessions have in-process analysis state (for tests and load measurements).</summary>
    public int TrackedSessions => _sessions.Count;

    /// <summary>Queues an accepted frame for analysis and returns at once.</summary>
    public void Enqueue(ChallengeSession session, FrameRecord frame, FaceImage image)
    {
        if (Interlocked.Increment(ref _enqueued) % 256 == 0)
        {
            Sweep();
        }

        var state = _sessions.GetOrAdd(session.Id, static (_, s) => new SessionState(s), session);
        var task = AnalyzeInBackgroundAsync(state, frame, image);
        state.InFlight[frame.Sequence] = task;
        _ = task.ContinueWith(
            static (_, arg) =>
            {
                var (s, seq) = ((SessionState, int))arg!;
                s.InFlight.TryRemove(seq, out Task? _);
            },
            (state, frame.Sequence),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits for this process's in-flight analyses of a session (never throws for their failures).</summary>
    public async Task WaitForInFlightAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (_sessions.TryGetValue(sessionId, out var state))
        {
            var tasks = state.InFlight.Values.ToArray();
            if (tasks.Length > 0)
            {
                await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Analyses a frame now (used by verify for frames without a stored analysis), stores and returns the analysis.</summary>
    public async ValueTask<StoredAnalysis> AnalyzeNowAsync(string sessionId, FrameRecord frame, FaceImage image, CancellationToken cancellationToken)
    {
        await _concurrency.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var analysis = await AnalyzeAsync(image, cancellationToken).ConfigureAwait(false);
            await _attempts.SaveAnalysisAsync(sessionId, frame.Sequence, analysis, cancellationToken).ConfigureAwait(false);
            return analysis;
        }
        finally
        {
            _concurrency.Release();
        }
    }

    /// <summary>Drops a completed session's in-process state.</summary>
    public void Forget(string sessionId) => _sessions.TryRemove(sessionId, out _);

    public void Dispose()
    {
        // The semaphore belongs to AnalysisGate.
    }

    private async Task AnalyzeInBackgroundAsync(SessionState state, FrameRecord frame, FaceImage image)
    {
        await Task.Yield();
        await _concurrency.WaitAsync().ConfigureAwait(false);
        try
        {
            if (state.IsDecidedBefore(frame.Sequence))
            {
                _metrics.FramesSkipped.Add(1);
                return;
            }

            var analysis = await AnalyzeAsync(image, CancellationToken.None).ConfigureAwait(false);
            await _attempts.SaveAnalysisAsync(state.Session.Id, frame.Sequence, analysis, CancellationToken.None).ConfigureAwait(false);
            if (state.Offer(frame, analysis, _challenges) is { } decided)
            {
                Log.ChallengeDecided(_logger, state.Session.Id, decided.Sequence, decided.Verdict.Kind, decided.Verdict.Reason);
                await _attempts.TryMarkDecidedAsync(state.Session.Id, decided.Sequence, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The frame stays without a stored analysis; verify analyses it again. Nothing is lost.
            _metrics.AnalysisFailures.Add(1);
            Log.AnalysisFailed(_logger, ex, state.Session.Id, frame.Sequence);
        }
        finally
        {
            _concurrency.Release();
        }
    }

    private async ValueTask<StoredAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
    {
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.Analyze");
        var started = Stopwatch.GetTimestamp();
        var outcome = "failure";
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static (state, ct) => state.Analyzer.AnalyzeAsync(state.Image, ct),
                (Analyzer: _analyzer, Image: image),
                cancellationToken).ConfigureAwait(false);
            outcome = result.Rejection is null ? "success" : "rejected";
            activity?.SetTag("faceverify.faces", result.Faces.Count);
            return new StoredAnalysis(result.Faces, result.Rejection, _time.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            FaceVerifyActivities.Failed(activity, ex);
            if (ex is FaceVerificationException)
            {
                throw;
            }

            throw new FaceVerificationException($"Face analysis failed after {_maxAttempts} attempt(s): {ex.GetType().Name}.", ex);
        }
        finally
        {
            _metrics.AnalyzerCallDuration.Record(FaceVerifyMetrics.SecondsSince(started), new KeyValuePair<string, object?>(FaceVerifyMetrics.OutcomeTag, outcome));
        }
    }

    private static bool IsTransient(Exception exception)
        => exception is not (FaceVerificationException or OperationCanceledException or ArgumentException or InvalidOperationException)
           || exception is TimeoutRejectedException;

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, state) in _sessions)
        {
            if (state.Session.IsExpiredAt(now) && state.InFlight.IsEmpty)
            {
                _sessions.TryRemove(id, out _);
            }
        }
    }

    private sealed class SessionState(ChallengeSession session)
    {
        private readonly Lock _lock = new();
        private readonly SortedDictionary<int, (FrameRecord Frame, StoredAnalysis Analysis)> _pending = [];
        private IChallengeEvaluator? _evaluator;
        private int _next;
        private int _decidedAt = -1;

        public ChallengeSession Session { get; } = session;

        public ConcurrentDictionary<int, Task> InFlight { get; } = new();

        public bool IsDecidedBefore(int sequence)
        {
            lock (_lock)
            {
                return _decidedAt >= 0 && sequence > _decidedAt;
            }
        }

        /// <summary>Feeds analyses to the evaluator in sequence order; returns the decision when this offer produced it.</summary>
        public (int Sequence, ChallengeVerdict Verdict)? Offer(FrameRecord frame, StoredAnalysis analysis, ChallengeRegistry challenges)
        {
            lock (_lock)
            {
                if (_decidedAt >= 0 || !challenges.TryGet(Session.ChallengeType, out var challenge))
                {
                    return null;
                }

                _evaluator ??= challenge.CreateEvaluator(new ChallengeEvaluatorArguments(Session.Parameters, Session.FrameWidth, Session.FrameHeight, Session.CreatedAt));
                _pending[frame.Sequence] = (frame, analysis);
                while (_pending.Remove(_next, out var item))
                {
                    var verdict = ChallengeDecision.Judge(_evaluator, item.Frame.Sequence, item.Frame.ReceivedAt, item.Analysis);
                    _next++;
                    if (verdict.IsDecided)
                    {
                        _decidedAt = item.Frame.Sequence;
                        _pending.Clear();
                        return (item.Frame.Sequence, verdict);
                    }
                }

                return null;
            }
        }
    }
}
