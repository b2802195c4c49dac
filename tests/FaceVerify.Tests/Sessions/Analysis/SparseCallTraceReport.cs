using System.Globalization;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Sessions.Analysis;

/// <summary>
/// Where a sparse session's analyzer calls go (docs/performance.md, "Fourth pass"): drives <see cref="SessionAnalysisPlan"/>
/// over the scripted genuine sequences with the timing of <see cref="SparseAnalysisTests"/> (12 fps, every analysis finished
/// before the next frame) and prints, per seeded session, each analysis started: <c>aN</c> frame N on arrival,
/// <c>cN[state]->M</c> frame M started when frame N's analysis finished (<c>D k</c>: decided at k; <c>A</c>: an audit frame),
/// <c>done-></c> at verify's start, <c>verify-></c> verify's rounds.
/// </summary>
[Explicit("A report, not a check: dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~SparseCallTraceReport --logger \"console;verbosity=detailed\"")]
public class SparseCallTraceReport
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [TestCase("nose", 60, 0)]
    [TestCase("nose", 40, 20)]
    [TestCase("pose", 24, 0)]
    public void Trace(string type, int pathFrames, int extra)
    {
        var total = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            using var random = new SeededRandomNumberGenerator(1000 + seed);
            IChallenge challenge = type == "nose" ? new NoseTargetChallenge() : new PoseChallenge();
            var parameters = challenge.CreateParameters(new ChallengeParametersArguments(640, 480, random));
            FrameSequence sequence;
            if (type == "nose")
            {
                sequence = NoseSequences.Genuine(parameters.Deserialize<NoseChallengeParameters>(Web)!, pathFrames, interval: TimeSpan.FromSeconds(1 / 12.0));
                sequence = extra > 0 ? sequence.Repeat(extra, [.. sequence[^1].Faces]) : sequence;
            }
            else
            {
                sequence = PoseSequences.Genuine(parameters.Deserialize<PoseChallengeParameters>(Web)!, pathFrames, TimeSpan.FromSeconds(1 / 12.0));
            }

            var frames = Enumerable.Range(0, sequence.Count).Select(i => new AnalyzedFrame(i, Epoch + sequence[i].At, sequence[i].Faces)).ToArray();
            var session = new ChallengeSession { Id = "s", UserId = "u", ChallengeType = challenge.Type, Parameters = parameters, FrameWidth = 640, FrameHeight = 480, CreatedAt = Epoch, ExpiresAt = Epoch.AddHours(1), RetainUntil = Epoch.AddHours(1) };
            var plan = new SessionAnalysisPlan(challenge, session, 1, random);
            var log = new List<string>();
            var pending = new Queue<int>();
            var calls = 0;

            void Drain()
            {
                while (pending.TryDequeue(out var s))
                {
                    var started = plan.Complete(s, new StoredAnalysis(frames[s].Faces, null, frames[s].ReceivedAt));
                    var state = plan.Decision.Verdict.IsDecided ? $"D{plan.Decision.DecidedAt}" : "-";
                    if (started.Count > 0)
                    {
                        log.Add($"c{s}[{state}]->{string.Join("/", started.Select(f => (plan.IsAudit(f.Sequence) ? "A" : "") + f.Sequence.ToString(CultureInfo.InvariantCulture)))}");
                    }

                    foreach (var f in started)
                    {
                        calls++;
                        pending.Enqueue(f.Sequence);
                    }
                }
            }

            foreach (var f in frames)
            {
                Drain();
                if (plan.IsSettled)
                {
                    break;
                }

                var record = new FrameRecord { SessionId = "s", Sequence = f.Sequence, ReceivedAt = f.ReceivedAt, ContentHash = "x", StorageKey = "x", Format = ImageFormat.Jpeg, Length = 0, RetainUntil = Epoch.AddHours(1) };
                if (plan.Arrive(record))
                {
                    calls++;
                    pending.Enqueue(f.Sequence);
                    log.Add($"a{f.Sequence}");
                }
            }

            Drain();
            var done = plan.ClientDone();
            log.Add("done->" + string.Join("/", done.Select(f => f.Sequence)));
            foreach (var f in done)
            {
                calls++;
                pending.Enqueue(f.Sequence);
            }

            Drain();
            var stored = plan.Frames.ToArray();
            var decision = SessionAnalysisPlan.VerifyAsync(challenge, session, stored, plan.AuditsDone, 1, random, needed =>
            {
                calls += needed.Count;
                log.Add("verify->" + string.Join("/", needed.Select(f => f.Sequence)));
                return ValueTask.FromResult(needed.Select(x => x with { Analysis = new StoredAnalysis(frames[x.Sequence].Faces, null, frames[x.Sequence].ReceivedAt) }).ToArray());
            }).AsTask().GetAwaiter().GetResult();

            decision.Verdict.Kind.Should().Be(VerdictKind.Passed, string.Join(" ", log));
            total += calls;
            TestContext.Out.WriteLine($"seed {seed}: decided at {decision.DecidedAt}, {calls} calls: {string.Join(" ", log)}");
        }

        TestContext.Out.WriteLine($"mean {(total / 20.0).ToString(CultureInfo.InvariantCulture)}");
    }
}
