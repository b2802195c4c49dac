using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.Tests.Sessions.Analysis;

/// <summary>
/// Drives a <see cref="SessionAnalysisPlan"/> over a recorded session without a server, as the service does: frames arrive
/// at chosen times, at most <c>concurrency</c> analyses run at once (the rest queue in order, like the shared analysis
/// gate), each analysis takes a latency drawn from a seeded generator and answers with the frame's recorded faces, the
/// client stops when the plan settles, then verify runs the service's own rounds (<c>SessionAnalysisPlan.VerifyAsync</c>).
/// Deterministic for a given seed, so a diverging timing is a reproducible test case.
/// </summary>
internal static class SparsePlanSimulation
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public sealed record Outcome(ChallengeVerdict Verdict, int? DecidedAt, IReadOnlyList<int> Analysed, int Calls);

    /// <summary>The verdict with every frame analysed in order (what <c>faceverify replay</c> computes).</summary>
    public static (ChallengeVerdict Verdict, int? DecidedAt) EveryFrame(IChallenge challenge, JsonElement parameters, int width, int height, IReadOnlyList<AnalyzedFrame> frames)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(parameters, width, height, frames[0].ReceivedAt));
        foreach (var frame in frames)
        {
            var verdict = evaluator.Evaluate(frame);
            if (verdict.IsDecided)
            {
                return (verdict, frame.Sequence);
            }
        }

        return (ChallengeVerdict.Continue, null);
    }

    /// <summary>Simulates one sparse session.</summary>
    /// <param name="frameSpacing">Time between two uploads (server receive times).</param>
    /// <param name="latencyMin">Shortest analysis.</param>
    /// <param name="latencyMax">Longest analysis.</param>
    /// <param name="concurrency">Analyses running at once (the rest wait in order).</param>
    /// <param name="seed">Seeds the plan's generator and the latencies.</param>
    public static Outcome Run(IChallenge challenge, JsonElement parameters, int width, int height, IReadOnlyList<AnalyzedFrame> recorded, TimeSpan frameSpacing, TimeSpan latencyMin, TimeSpan latencyMax, int concurrency, int seed)
    {
        using var random = new FaceVerify.Testing.SeededRandomNumberGenerator(seed);
        var session = new ChallengeSession
        {
            Id = "simulated",
            UserId = "simulated",
            ChallengeType = challenge.Type,
            Parameters = parameters,
            FrameWidth = width,
            FrameHeight = height,
            CreatedAt = Epoch,
            ExpiresAt = Epoch.AddHours(1),
            RetainUntil = Epoch.AddHours(1),
        };
        var frames = recorded.Select((f, i) => f with { ReceivedAt = Epoch + (frameSpacing * i) }).ToArray();
        var plan = new SessionAnalysisPlan(challenge, session, 1, random);
        var queue = new Queue<int>();
        var running = new PriorityQueue<int, (DateTimeOffset At, int Sequence)>();
        var calls = 0;
        var now = Epoch;

        void Enqueue(IEnumerable<FrameRecord> start)
        {
            foreach (var frame in start)
            {
                calls++;
                queue.Enqueue(frame.Sequence);
            }

            while (running.Count < concurrency && queue.Count > 0)
            {
                var latency = latencyMin + ((latencyMax - latencyMin) * (random.NextInt32(1001) / 1000.0));
                var sequence = queue.Dequeue();
                running.Enqueue(sequence, (now + latency, sequence));
            }
        }

        void RunUntil(DateTimeOffset until)
        {
            while (running.TryPeek(out var sequence, out var key) && key.At <= until)
            {
                running.Dequeue();
                now = key.At;
                Enqueue(plan.Complete(sequence, Analysis(frames[sequence])));
            }

            now = until > now ? until : now;
        }

        var sent = 0;
        foreach (var frame in frames)
        {
            RunUntil(frame.ReceivedAt);
            if (plan.IsSettled)
            {
                break; // the session is marked decided: later frames are refused and the client stops
            }

            sent++;
            if (plan.Arrive(Record(frame)))
            {
                Enqueue([Record(frame)]);
            }
        }

        RunUntil(now);
        Enqueue(plan.ClientDone());
        RunUntil(DateTimeOffset.MaxValue);

        // Verify's rounds over the stored frames: the service's own (SessionAnalysisPlan.VerifyAsync), answered synchronously.
        var stored = plan.Frames.ToArray();
        var decision = SessionAnalysisPlan.VerifyAsync(challenge, session, stored, plan.AuditsDone, 1, random, needed =>
        {
            calls += needed.Count;
            return ValueTask.FromResult(needed.Select(frame => frame with { Analysis = Analysis(frames[frame.Sequence]) }).ToArray());
        }).AsTask().GetAwaiter().GetResult();

        return new Outcome(decision.Verdict, decision.DecidedAt, [.. stored.Where(f => f.Analysis is not null).Select(f => f.Sequence)], calls);
    }

    private static StoredAnalysis Analysis(AnalyzedFrame frame) => new(frame.Faces, null, frame.ReceivedAt);

    private static FrameRecord Record(AnalyzedFrame frame) => new()
    {
        SessionId = "simulated",
        Sequence = frame.Sequence,
        ReceivedAt = frame.ReceivedAt,
        ContentHash = frame.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        StorageKey = frame.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Format = ImageFormat.Jpeg,
        Length = 0,
        RetainUntil = Epoch.AddHours(1),
    };
}
