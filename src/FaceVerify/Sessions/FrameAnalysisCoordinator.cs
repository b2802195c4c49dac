using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace FaceVerify;

/// <summary>
/// Analyses accepted frames in the background as they arrive (bounded concurrency across all sessions, each call
/// through a Polly pipeline: per-attempt timeout, retries with exponential back-off and jitter), stores each analysis,
/// and keeps an in-process view of each session's decision so that analysis stops as soon as the challenge is decided
/// ("decided" is then also written to the store with a conditional write). With
/// <see cref="FrameAnalysisStrategy.EveryFrame"/> every frame is analysed and fed in sequence order; with
/// <see cref="FrameAnalysisStrategy.Sparse"/> a <see cref="SessionAnalysisPlan"/> picks the frames to analyse. The
/// in-process state is an optimisation only: verify recomputes the decision from the stored analyses.
/// </summary>
internal sealed class FrameAnalysisCoordinator : IDisposable
{
    private readonly IFaceAnalyzer _analyzer;
    private readonly IAttemptStore _attempts;
    private readonly IFrameStore _frames;
    private readonly RandomNumberGenerator _random;
    private readonly FrameAnalysisStrategy _strategy;
    private readonly int _auditFrames;
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
        IFrameStore frames,
        ChallengeRegistry challenges,
        RandomNumberGenerator random,
        IOptions<FaceVerificationOptions> options,
        TimeProvider time,
        ILogger<FrameAnalysisCoordinator> logger,
        FaceVerifyMetrics metrics,
        AnalysisGate gate,
        ResiliencePipelineProvider<string> pipelines)
    {
        _metrics = metrics;
        _analyzer = analyzer;
        _attempts = attempts;
        _frames = frames;
        _random = random;
        _challenges = challenges;
        _time = time;
        _logger = logger;
        var value = options.Value;
        _strategy = value.AnalysisStrategy;
        _auditFrames = value.AuditFrames;
        _concurrency = gate.Shared; // shared with enrolment and face login (AnalysisGate)
        _maxAttempts = value.AnalysisMaxRetries + 1;
        _pipeline = pipelines.GetPipeline(AnalysisResilience.Key); // see AnalysisResilience: one layer retries
    }

    /// <summary>How many sessions have in-process analysis state (for tests and load measurements).</summary>
    public int TrackedSessions => _sessions.Count;

    /// <summary>Queues an accepted frame for analysis (or, with the sparse strategy, decides it needs none yet) and returns at once.</summary>
    public void Enqueue(ChallengeSession session, FrameRecord frame, FaceImage image)
    {
        if (Interlocked.Increment(ref _enqueued) % 256 == 0)
        {
            Sweep();
        }

        var state = _sessions.GetOrAdd(session.Id, static (_, s) => new SessionState(s), session);
        if (_strategy == FrameAnalysisStrategy.EveryFrame)
        {
            Track(state, frame.Sequence, AnalyzeInBackgroundAsync(state, frame, image));
            return;
        }

        if (!_challenges.TryGet(session.ChallengeType, out var challenge))
        {
            return;
        }

        bool start;
        lock (state.Lock)
        {
            state.Plan ??= new SessionAnalysisPlan(challenge, session, _auditFrames, _random);
            start = state.Plan.Arrive(frame);
            if (!start && state.Plan.IsHeld(frame.Sequence))
            {
                state.Held[frame.Sequence] = image;
            }
        }

        if (start)
        {
            Track(state, frame.Sequence, AnalyzeSparseAsync(state, frame, image));
        }
    }

    /// <summary>
    /// Verify is starting (sparse strategy): starts at once, beside the running analyses, the analyses the undecided
    /// session will need — its newest frame and its audit frames — so verify waits about one analyzer call, not two.
    /// </summary>
    public void BeginVerify(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var state))
        {
            return;
        }

        var start = new List<(FrameRecord Frame, FaceImage? Image)>();
        lock (state.Lock)
        {
            if (state.Plan is not { } plan)
            {
                return;
            }

            foreach (var f in plan.ClientDone())
            {
                start.Add((f, state.Held.TryGetValue(f.Sequence, out var held) ? held : null));
            }

            state.Held.Clear();
        }

        foreach (var (f, image) in start)
        {
            Track(state, f.Sequence, AnalyzeSparseAsync(state, f, image));
        }
    }

    /// <summary>
    /// Waits for this process's in-flight analyses of a session that verify needs (never throws for their failures):
    /// all of them, or, once the in-process view has a decision, those up to the deciding frame (audit frames included).
    /// Analyses started by a finishing one (the next sampled frame, audit frames) are waited for too.
    /// </summary>
    public async Task WaitForInFlightAsync(string sessionId, CancellationToken cancellationToken)
    {
        if (!_sessions.TryGetValue(sessionId, out var state))
        {
            return;
        }

        while (true)
        {
            int? decidedAt;
            lock (state.Lock)
            {
                // Up to the later of the decision and the frame the session was marked decided at (audit frames lie before it).
                decidedAt = state.Plan is { } plan && plan.Decision.DecidedAt is { } d ? Math.Max(d, plan.SettledAt ?? d) : null;
            }

            var tasks = state.InFlight.Where(kv => decidedAt is not { } d || kv.Key <= d).Select(kv => kv.Value).ToArray();
            if (tasks.Length == 0)
            {
                return;
            }

            await Task.WhenAll(tasks).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether this process already chose the audit frames of a session under the sparse strategy and analysed every one of them (a failed audit analysis is not done).</summary>
    public bool AuditsDone(string sessionId)
    {
        if (!_sessions.TryGetValue(sessionId, out var state))
        {
            return false;
        }

        lock (state.Lock)
        {
            return state.Plan?.AuditsDone ?? false;
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

    private static void Track(SessionState state, int sequence, Task task)
    {
        state.InFlight[sequence] = task;
        _ = task.ContinueWith(
            static (done, arg) =>
            {
                // Only this task's entry: a frame demanded again after a failure is tracked under the same sequence.
                var (s, seq) = ((SessionState, int))arg!;
                s.InFlight.TryRemove(new KeyValuePair<int, Task>(seq, done));
            },
            (state, sequence),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task AnalyzeSparseAsync(SessionState state, FrameRecord frame, FaceImage? image)
    {
        await Task.Yield();
        StoredAnalysis? analysis = null;
        var bytes = image;
        await _concurrency.WaitAsync().ConfigureAwait(false);
        try
        {
            // Audit frames were not kept in memory: read them back from the frame store.
            bytes ??= await LoadAsync(state.Session, frame).ConfigureAwait(false);
            analysis = await AnalyzeAsync(bytes.Value, CancellationToken.None).ConfigureAwait(false);
            await _attempts.SaveAnalysisAsync(state.Session.Id, frame.Sequence, analysis, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The frame stays without a stored analysis; verify may analyse it again. Nothing is lost.
            analysis = null;
            _metrics.AnalysisFailures.Add(1);
            Log.AnalysisFailed(_logger, ex, state.Session.Id, frame.Sequence);
        }
        finally
        {
            _concurrency.Release();
        }

        var next = new List<(FrameRecord Frame, FaceImage? Image)>();
        bool newlyDecided;
        AnalysedDecision decision;
        lock (state.Lock)
        {
            var plan = state.Plan!;
            var before = plan.IsSettled;
            foreach (var f in plan.Complete(frame.Sequence, analysis))
            {
                // A frame demanded again after its analysis failed reuses the bytes this analysis had.
                next.Add((f, f.Sequence == frame.Sequence ? bytes : state.Held.TryGetValue(f.Sequence, out var held) ? held : null));
            }

            foreach (var held in state.Held.Keys.Where(k => !plan.IsHeld(k)).ToArray())
            {
                state.Held.Remove(held);
            }

            decision = plan.Decision;
            newlyDecided = !before && plan.IsSettled;
        }

        foreach (var (f, img) in next)
        {
            Track(state, f.Sequence, AnalyzeSparseAsync(state, f, img));
        }

        if (newlyDecided)
        {
            try
            {
                Log.ChallengeDecided(_logger, state.Session.Id, decision.DecidedAt!.Value, decision.Verdict.Kind, decision.Verdict.Reason);
                await _attempts.TryMarkDecidedAsync(state.Session.Id, decision.DecidedAt!.Value, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Only an optimisation (frames after the decision are refused): verify decides from the stored analyses.
                Log.AnalysisFailed(_logger, ex, state.Session.Id, frame.Sequence);
            }
        }
    }

    private async ValueTask<FaceImage> LoadAsync(ChallengeSession session, FrameRecord frame)
    {
        return await _frames.LoadImageAsync(session, frame, CancellationToken.None).ConfigureAwait(false);
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

        /// <summary>Guards <see cref="Plan"/> and <see cref="Held"/>.</summary>
        public Lock Lock { get; } = new();

        /// <summary>The sparse strategy's plan, created with the first frame.</summary>
        public SessionAnalysisPlan? Plan { get; set; }

        /// <summary>The bytes of the frames held while an analysis runs (the sparse strategy keeps no other frame in memory).</summary>
        public Dictionary<int, FaceImage> Held { get; } = [];
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
