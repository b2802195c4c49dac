using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.LoadTests;

/// <summary>
/// Runs FaceVerify's frame-analysis strategy over a recorded or scripted session without a server: frames arrive at
/// their receive times, every analysis takes a fixed latency and answers with the frame's recorded faces, the client
/// stops sending once the server knows the decision (as the reference client does on HTTP 409), and verify then runs
/// as the service runs it. Used to count analyzer calls per session and to compare the sparse strategy's verdict with
/// the verdict over every frame (docs/performance.md, "Sparse analysis").
/// </summary>
internal static class AnalysisStrategySimulation
{
    /// <summary>Simulates one session.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frameWidth">The frame width in pixels.</param>
    /// <param name="frameHeight">The frame height in pixels.</param>
    /// <param name="frames">Every frame the client would send, in order, with its receive time and the faces its analysis finds.</param>
    /// <param name="strategy">The strategy.</param>
    /// <param name="analyzerLatency">How long one analysis takes.</param>
    /// <param name="auditFrames">See <see cref="FaceVerificationOptions.AuditFrames"/>.</param>
    /// <param name="random">The random source for the sparse strategy; default: a new CSPRNG.</param>
    /// <returns>What happened.</returns>
    public static SimulatedSession Run(
        IChallenge challenge,
        JsonElement parameters,
        int frameWidth,
        int frameHeight,
        IReadOnlyList<AnalyzedFrame> frames,
        FrameAnalysisStrategy strategy,
        TimeSpan analyzerLatency,
        int auditFrames = 1,
        RandomNumberGenerator? random = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(frames);
        var start = frames.Count > 0 ? frames[0].ReceivedAt : DateTimeOffset.UnixEpoch;
        var session = new ChallengeSession
        {
            Id = "simulated",
            UserId = "simulated",
            ChallengeType = challenge.Type,
            Parameters = parameters,
            FrameWidth = frameWidth,
            FrameHeight = frameHeight,
            CreatedAt = start,
            ExpiresAt = start.AddHours(1),
            RetainUntil = start.AddHours(1),
        };

        return strategy == FrameAnalysisStrategy.EveryFrame
            ? RunEveryFrame(challenge, session, frames, analyzerLatency)
            : RunSparse(challenge, session, frames, analyzerLatency, auditFrames, random);
    }

    /// <summary>The verdict over every frame, in order, as <c>faceverify replay</c> computes it.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frameWidth">The frame width in pixels.</param>
    /// <param name="frameHeight">The frame height in pixels.</param>
    /// <param name="frames">Every frame with its faces.</param>
    /// <returns>Passed, the reason and the deciding frame (<see cref="ChallengeReason.ChallengeNotCompleted"/> when undecided).</returns>
    public static (bool Passed, ChallengeReason Reason, int? DecidedAt) EveryFrameVerdict(IChallenge challenge, JsonElement parameters, int frameWidth, int frameHeight, IReadOnlyList<AnalyzedFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(frames);
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(parameters, frameWidth, frameHeight, frames.Count > 0 ? frames[0].ReceivedAt : DateTimeOffset.UnixEpoch));
        foreach (var frame in frames)
        {
            var verdict = evaluator.Evaluate(frame);
            if (verdict.IsDecided)
            {
                return (verdict.Kind == VerdictKind.Passed, verdict.Reason, frame.Sequence);
            }
        }

        return (false, ChallengeReason.ChallengeNotCompleted, null);
    }

    private static SimulatedSession RunSparse(IChallenge challenge, ChallengeSession session, IReadOnlyList<AnalyzedFrame> frames, TimeSpan latency, int auditFrames, RandomNumberGenerator? random)
    {
        var start = session.CreatedAt;
        using var owned = random is null ? RandomNumberGenerator.Create() : null;
        var rng = random ?? owned!;
        var plan = new SessionAnalysisPlan(challenge, session, auditFrames, rng);
        var completions = new PriorityQueue<int, (DateTimeOffset At, int Sequence)>();
        var calls = 0;
        var sent = 0;
        DateTimeOffset? decidedKnownAt = null;

        void Begin(int sequence, DateTimeOffset at)
        {
            calls++;
            completions.Enqueue(sequence, (at + latency, sequence));
        }

        void CompleteUntil(DateTimeOffset until)
        {
            while (completions.TryPeek(out var sequence, out var key) && key.At <= until)
            {
                completions.Dequeue();
                foreach (var next in plan.Complete(sequence, Analysis(frames[sequence], key.At)))
                {
                    Begin(next.Sequence, key.At);
                }

                if (decidedKnownAt is null && plan.Decision.Verdict.IsDecided)
                {
                    decidedKnownAt = key.At;
                }
            }
        }

        foreach (var frame in frames)
        {
            CompleteUntil(frame.ReceivedAt);
            if (decidedKnownAt is not null)
            {
                break; // the server refuses frames after the decision (409), and the client stops
            }

            sent++;
            if (plan.Arrive(Record(session, frame)))
            {
                Begin(frame.Sequence, frame.ReceivedAt);
            }
        }

        // Verify, as ChallengeSessionService runs it under the sparse strategy: first the analyses an undecided session
        // needs, beside the running ones; then rounds over the stored frames.
        var verifyAt = frames.Take(sent).Select(f => f.ReceivedAt).DefaultIfEmpty(start).Max();
        CompleteUntil(verifyAt);
        foreach (var next in plan.ClientDone())
        {
            Begin(next.Sequence, verifyAt);
        }

        CompleteUntil(DateTimeOffset.MaxValue);
        var stored = plan.Frames.ToArray();
        var verifyCalls = 0;
        // Verify's rounds: the service's own (SessionAnalysisPlan.VerifyAsync), answered synchronously.
        var decision = SessionAnalysisPlan.VerifyAsync(challenge, session, stored, plan.AuditsChosen, auditFrames, rng, needed =>
        {
            verifyCalls += needed.Count;
            return ValueTask.FromResult(needed.Select(frame => frame with { Analysis = Analysis(frames[frame.Sequence], frame.ReceivedAt) }).ToArray());
        }).AsTask().GetAwaiter().GetResult();

        var analysed = stored.Where(f => f.Analysis is not null).Select(f => f.Sequence).ToArray();
        return new SimulatedSession(decision.Verdict.Kind == VerdictKind.Passed, decision.Verdict.IsDecided ? decision.Verdict.Reason : ChallengeReason.ChallengeNotCompleted, decision.DecidedAt, calls + verifyCalls, verifyCalls, sent, analysed);
    }

    private static SimulatedSession RunEveryFrame(IChallenge challenge, ChallengeSession session, IReadOnlyList<AnalyzedFrame> frames, TimeSpan latency)
    {
        var verdict = EveryFrameVerdict(challenge, session.Parameters, session.FrameWidth, session.FrameHeight, frames);
        var knownAt = verdict.DecidedAt is { } d ? frames[d].ReceivedAt + latency : DateTimeOffset.MaxValue;
        var sent = frames.Count(f => f.ReceivedAt < knownAt);

        // Every frame the client sent was analysed on arrival (the analyses of the frames after the deciding one were
        // already running when the decision became known).
        return new SimulatedSession(verdict.Passed, verdict.Reason, verdict.DecidedAt, sent, 0, sent, [.. Enumerable.Range(0, sent)]);
    }

    private static StoredAnalysis Analysis(AnalyzedFrame frame, DateTimeOffset at) => new(frame.Faces, null, at);

    private static FrameRecord Record(ChallengeSession session, AnalyzedFrame frame) => new()
    {
        SessionId = session.Id,
        Sequence = frame.Sequence,
        ReceivedAt = frame.ReceivedAt,
        ContentHash = frame.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StorageKey = frame.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Format = ImageFormat.Jpeg,
        Length = 0,
        RetainUntil = session.RetainUntil,
    };
}

/// <summary>One simulated session (<see cref="AnalysisStrategySimulation"/>).</summary>
/// <param name="Passed">Whether verify passed it.</param>
/// <param name="Reason">The outcome reason (<see cref="ChallengeReason.ChallengeNotCompleted"/> when undecided).</param>
/// <param name="DecidedAt">The deciding frame.</param>
/// <param name="AnalyzerCalls">Analyzer calls in all (during the upload and at verify).</param>
/// <param name="VerifyCalls">Of those, the calls verify made.</param>
/// <param name="FramesSent">Frames the client sent before the server refused more.</param>
/// <param name="AnalysedFrames">The sequences of the analysed frames.</param>
internal sealed record SimulatedSession(bool Passed, ChallengeReason Reason, int? DecidedAt, int AnalyzerCalls, int VerifyCalls, int FramesSent, IReadOnlyList<int> AnalysedFrames);
