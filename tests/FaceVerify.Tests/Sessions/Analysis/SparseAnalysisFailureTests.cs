using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Tests.Sessions.Analysis;

/// <summary>
/// The sparse strategy when analyses fail (issue 15: under injected faults it once falsely rejected a genuine nose
/// session because a failed analysis left the challenge's start unseen). A failed analysis is "not yet known", never
/// evidence: the demanded frame is demanded again, and the verdict equals the verdict without faults. When every
/// analysis fails, verify fails with the analyzer's error and leaves the session open; it never decides from the gaps.
/// </summary>
public class SparseAnalysisFailureTests
{
    private static readonly TimeSpan TwelveFps = TimeSpan.FromSeconds(1 / 12.0);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The scripted analyzer behind a switch that fails the first <c>n</c> tries of chosen frames (by test-frame variant).</summary>
    private sealed class FailingAnalyzer(ScriptedFaceAnalyzer inner, Func<int, int> failuresOf) : IFaceAnalyzer
    {
        private readonly ConcurrentDictionary<int, int> _tries = new();

        public int Failures;

        public ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
        {
            var variant = TestFrames.ReadVariant(image.Content.Span) ?? -1;
            var tries = _tries.AddOrUpdate(variant, 1, static (_, n) => n + 1);
            if (tries <= failuresOf(variant))
            {
                Interlocked.Increment(ref Failures);
                throw new IOException($"Injected failure of frame {variant}, try {tries}.");
            }

            return inner.AnalyzeAsync(image, cancellationToken);
        }
    }

    private ServiceProvider Build(IFaceAnalyzer analyzer, FrameAnalysisStrategy strategy, int seed)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<RandomNumberGenerator>(new SeededRandomNumberGenerator(seed));
        services.AddFaceVerification(o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 1000;
                o.AnalysisStrategy = strategy;
                o.AnalysisMaxRetries = 0; // one try per analysis: the plan, not the resilience pipeline, must recover
            })
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(analyzer);
        return services.BuildServiceProvider();
    }

    /// <summary>Runs one session at 12 fps, waiting for the background analyses after each upload; returns the service, the session and the stored frames after verify.</summary>
    private async Task<(VerificationResult Result, IReadOnlyList<FrameRecord> Frames, int Failures)> RunAsync(
        string type, Func<JsonElement, FrameSequence> build, Func<int, int> failuresOf, FrameAnalysisStrategy strategy, int seed, Func<IChallengeSessionService, StartChallengeResult, Task<VerificationResult>>? verify = null)
    {
        var scripted = new ScriptedFaceAnalyzer((_, _) => FaceAnalysis.NoFaces);
        var analyzer = new FailingAnalyzer(scripted, failuresOf);
        using var provider = Build(analyzer, strategy, seed);
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var coordinator = provider.GetRequiredService<FrameAnalysisCoordinator>();
        var session = await service.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = 640, FrameHeight = 480, ChallengeType = type }, default);
        var sequence = build(session.Parameters!.Value);
        scripted.Play(sequence);
        var jpegs = sequence.ToJpegFrames();
        var start = _time.GetUtcNow();
        for (var i = 0; i < jpegs.Count; i++)
        {
            _time.SetUtcNow(start + sequence[i].At);
            var submitted = await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), jpegs[i], default);
            if (!submitted.Succeeded)
            {
                break;
            }

            await coordinator.WaitForInFlightAsync(session.SessionId!, default);
        }

        var result = verify is null
            ? await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default)
            : await verify(service, session);
        var frames = await provider.GetRequiredService<IAttemptStore>().GetFramesAsync(session.SessionId!, default);
        return (result, frames, analyzer.Failures);
    }

    private static FrameSequence GenuineNose(JsonElement p) => NoseSequences.Genuine(p.Deserialize<NoseChallengeParameters>(Web)!, 60, interval: TwelveFps);

    private static FrameSequence GenuinePose(JsonElement p) => PoseSequences.Genuine(p.Deserialize<PoseChallengeParameters>(Web)!, 24, TwelveFps);

    [Test]
    public async Task VerifyAsync_SparseGenuineNose_EveryDemandedFrameFailsOnceAndTheFirstTwice_PassesAtTheSameFrameAsWithoutFaults()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var clean = await RunAsync("nose", GenuineNose, _ => 0, FrameAnalysisStrategy.Sparse, 2000 + seed);
            var faulty = await RunAsync("nose", GenuineNose, v => v == 0 ? 2 : 1, FrameAnalysisStrategy.Sparse, 2000 + seed);

            clean.Result.Succeeded.Should().BeTrue(clean.Result.Detail);
            faulty.Failures.Should().BeGreaterThan(3, "faults must actually be injected");
            var analysed = string.Join(",", faulty.Frames.Where(f => f.Analysis != null).Select(f => f.Sequence));
            faulty.Result.Succeeded.Should().BeTrue($"{faulty.Result.Reason} {faulty.Result.Detail}; analysed {analysed}");
            faulty.Result.DecidedAtFrame.Should().Be(clean.Result.DecidedAtFrame, $"analysed {analysed}");
            faulty.Frames.Single(f => f.Sequence == 0).Analysis.Should().NotBeNull("the first frame is demanded again until its analysis succeeds");
        }
    }

    [Test]
    public async Task VerifyAsync_SparseGenuineNose_FirstFrameFailsInTheBackground_VerifyAnalysesItAndPasses()
    {
        // Frame 0 fails its three tries in the background (MaxTriesPerFrame), then succeeds: verify analyses it first,
        // before deciding from frames that started the challenge late.
        var result = await RunAsync("nose", GenuineNose, v => v == 0 ? SessionAnalysisPlan.MaxTriesPerFrame : 0, FrameAnalysisStrategy.Sparse, 77);

        result.Result.Succeeded.Should().BeTrue($"{result.Result.Reason} {result.Result.Detail}");
        result.Frames.Single(f => f.Sequence == 0).Analysis.Should().NotBeNull();
    }

    [Test]
    public async Task VerifyAsync_SparseGenuinePose_EveryDemandedFrameFailsOnce_Passes()
    {
        for (var seed = 0; seed < 10; seed++)
        {
            var faulty = await RunAsync("pose", GenuinePose, _ => 1, FrameAnalysisStrategy.Sparse, 3000 + seed);

            faulty.Failures.Should().BeGreaterThan(2);
            faulty.Result.Succeeded.Should().BeTrue($"{faulty.Result.Reason} {faulty.Result.Detail}");
        }
    }

    [TestCase(FrameAnalysisStrategy.Sparse)]
    [TestCase(FrameAnalysisStrategy.EveryFrame)]
    public async Task VerifyAsync_EveryAnalysisFails_ThrowsTheAnalyzerErrorAndLeavesTheSessionOpen_PassesOnceTheAnalyzerRecovers(FrameAnalysisStrategy strategy)
    {
        var failing = true;
        VerificationResult? retried = null;
        var outcome = await RunAsync("nose", GenuineNose, _ => failing ? int.MaxValue : 0, strategy, 5, async (service, session) =>
        {
            var access = new SessionAccess(session.SessionToken);

            // The analyzer is down: verify fails with the analysis error (HTTP 503), never with a challenge verdict.
            var first = async () => await service.VerifyAsync(session.SessionId!, access, default);
            await first.Should().ThrowAsync<FaceVerificationException>();
            (await service.GetSessionAsync(session.SessionId!, default))!.IsFinal.Should().BeFalse("nothing was decided from analyses that failed");

            // It recovers: the client's retried verify passes.
            failing = false;
            retried = await service.VerifyAsync(session.SessionId!, access, default);
            return retried;
        });

        outcome.Result.Succeeded.Should().BeTrue($"{outcome.Result.Reason} {outcome.Result.Detail}");
    }
}
