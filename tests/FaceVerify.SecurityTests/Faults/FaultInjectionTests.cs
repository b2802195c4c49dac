using FaceVerify.SecurityTests.Challenges.Nose;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FaceVerify.SecurityTests.Faults;

/// <summary>
/// 1,000 sessions (seed 8) through <see cref="IChallengeSessionService"/> while the analyzer, the attempt store and the
/// frame store fail, time out, throttle and lose responses at random. A client retries a call that surfaced a fault
/// (as the HTTP layer answers 503). Checks: a genuine user is never failed by a fault, an attack never passes, every
/// accepted frame is stored, the deciding frame analysed and nothing analysed after completion, and a session left alone completes at a verify
/// after its expiry. The figures are written in docs/security.md ("Fault injection").
/// </summary>
public sealed class FaultInjectionTests
{
    private const int Seed = 8;
    private const int Sessions = 1_000;
    private const int MaxClientAttempts = 30;

    private enum Kind
    {
        GenuineNose,
        GenuinePose,
        RigidPhoto,
        TiltedPhoto,
        StaticPhoto,
        SecondPerson,
        PersonSwap,
        Abandoned,
    }

    [TestCase(FrameAnalysisStrategy.EveryFrame)]
    [TestCase(FrameAnalysisStrategy.Sparse)]
    public async Task Sessions_FaultsEverywhere_NoWrongOutcomeNoLostFrameNoStuckSession(FrameAnalysisStrategy strategy)
    {
        var manual = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var time = new HybridTimeProvider(manual);
        var storePlan = new FaultPlan(Seed, rate: 0.05);
        var analyzerPlan = new FaultPlan(Seed + 1, rate: 0.15);
        var script = new FrameScript();
        var attempts = new FaultyAttemptStore(new InMemoryAttemptStore(time), storePlan);
        var frames = new FaultyFrameStore(new InMemoryFrameStore(time), storePlan);
        var services = new ServiceCollection().AddLogging();
        services.AddFaceVerification(o =>
            {
                o.AllowClientChallengeType = true;
                o.AnalysisTimeout = TimeSpan.FromMilliseconds(20);
                o.AnalysisRetryDelay = TimeSpan.FromMilliseconds(1);
                o.AnalysisMaxRetries = 2;
                o.AnalysisStrategy = strategy;
            })
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(new FaultyAnalyzer(script.Analyzer, analyzerPlan))
            .UseFaceComparer(script.Comparer);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time));
        services.Replace(ServiceDescriptor.Singleton<IAttemptStore>(attempts));
        services.Replace(ServiceDescriptor.Singleton<IFrameStore>(frames));
        await using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<IChallengeSessionService>();

        var random = new Random(Seed);
        var wrong = new List<string>();
        var abandoned = 0;
        var stuck = 0;
        var counts = new Dictionary<string, int>();
        var accepted = 0;
        var retriedCalls = 0;
        for (var k = 0; k < Sessions; k++)
        {
            var kind = (Kind)random.Next(Enum.GetValues<Kind>().Length);
            var type = kind is Kind.GenuinePose || (kind is Kind.StaticPhoto or Kind.SecondPerson or Kind.PersonSwap or Kind.Abandoned && random.Next(2) == 0) ? "pose" : "nose";
            var (width, height) = random.Next(2) == 0 ? (640, 480) : (480, 480);
            var start = await RetryAsync(() => service.StartAsync(new StartChallengeRequest { UserId = $"user{k}", FrameWidth = width, FrameHeight = height, ChallengeType = type }, CancellationToken.None), () => retriedCalls++);
            start.Succeeded.Should().BeTrue(start.Detail);
            var startedAt = manual.GetUtcNow();
            var sequence = Sequence(kind, type, start.Parameters!.Value);
            var swapAt = kind == Kind.PersonSwap ? Math.Max(1, sequence.Count / 2) : int.MaxValue;
            var mine = new List<int>();
            for (var i = 0; i < sequence.Count; i++)
            {
                manual.SetUtcNow(startedAt + sequence[i].At);
                var bytes = script.Frame(width, height, sequence[i].Faces ?? [], i >= swapAt ? "mallory" : "alice");
                var result = await RetryAsync(() => service.SubmitFrameAsync(start.SessionId!, new SessionAccess(start.SessionToken), bytes, CancellationToken.None), () => retriedCalls++);
                if (result.Succeeded)
                {
                    mine.Add(result.Sequence);
                }
                else if (result.Reason != FrameSubmissionReason.Duplicate)
                {
                    break; // decided or closed: the client stops sending
                }

                if (kind == Kind.Abandoned && i == sequence.Count / 2)
                {
                    break;
                }
            }

            accepted += mine.Count;
            if (kind == Kind.Abandoned)
            {
                // Left alone: one verify (retried through faults) just after its expiry completes it as expired.
                abandoned++;
                manual.SetUtcNow(start.ExpiresAt!.Value + TimeSpan.FromSeconds(1));
                var late = await RetryAsync(() => service.VerifyAsync(start.SessionId!, new SessionAccess(start.SessionToken), CancellationToken.None), () => retriedCalls++);
                var stored = await attempts.Inner.GetSessionAsync(start.SessionId!, CancellationToken.None);
                if (stored is not { Status: SessionStatus.Expired } || late.Status != SessionStatus.Expired)
                {
                    stuck++;
                    wrong.Add($"abandoned session {k}: verify {late.AccessReason} {late.Status} {late.Reason}, stored {stored?.Status}");
                }

                manual.Advance(TimeSpan.FromSeconds(1));
                continue;
            }

            var verdict = await RetryAsync(() => service.VerifyAsync(start.SessionId!, new SessionAccess(start.SessionToken), CancellationToken.None), () => retriedCalls++);
            var label = $"{kind}/{type}";
            counts[$"{label} {(verdict.Succeeded ? "passed" : verdict.Reason.ToString())}"] = counts.GetValueOrDefault($"{label} {(verdict.Succeeded ? "passed" : verdict.Reason.ToString())}") + 1;
            var genuine = kind is Kind.GenuineNose or Kind.GenuinePose;
            if (genuine != verdict.Succeeded)
            {
                wrong.Add($"session {k} {label}: {verdict.Status} {verdict.Reason} {verdict.Detail}");
            }

            wrong.AddRange(await CheckFramesAsync(attempts.Inner, frames.Inner, start.SessionId!, mine, $"session {k} {label}"));
            manual.Advance(TimeSpan.FromSeconds(1));
        }

        TestContext.Out.WriteLine($"sessions {Sessions}, abandoned {abandoned}, accepted frames {accepted}, client retries {retriedCalls}");
        TestContext.Out.WriteLine($"store faults {storePlan.Total} (fail {storePlan.Count(FaultKind.Fail)}, timeout {storePlan.Count(FaultKind.Timeout)}, throttle {storePlan.Count(FaultKind.Throttle)}, lost response {storePlan.Count(FaultKind.FailAfterEffect)}); analyzer faults {analyzerPlan.Total} (fail {analyzerPlan.Count(FaultKind.Fail)}, hang→timeout {analyzerPlan.Count(FaultKind.Timeout)}, throttle {analyzerPlan.Count(FaultKind.Throttle)})");
        foreach (var (outcome, n) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"  {outcome}: {n}");
        }

        storePlan.Total.Should().BeGreaterThan(500, "faults must actually be injected");
        analyzerPlan.Total.Should().BeGreaterThan(500);
        wrong.Should().BeEmpty();
        stuck.Should().Be(0);
    }

    private static FrameSequence Sequence(Kind kind, string type, System.Text.Json.JsonElement parameters)
    {
        if (type == "pose")
        {
            var pose = ChallengeHarness.FromJson<PoseChallengeParameters>(parameters);
            return kind switch
            {
                Kind.StaticPhoto => PoseSequences.NeutralPhoto(pose),
                Kind.SecondPerson => PoseSequences.SecondPersonAppears(pose),
                _ => PoseSequences.Genuine(pose),
            };
        }

        var nose = ChallengeHarness.FromJson<NoseChallengeParameters>(parameters);
        return kind switch
        {
            Kind.RigidPhoto => NoseSequences.RigidPhoto(nose),
            Kind.TiltedPhoto => PhotoAttackSequences.TiltedPhoto(nose, 40, 10),
            Kind.StaticPhoto => NoseSequences.StaticFace(nose),
            Kind.SecondPerson => NoseSequences.SecondPersonAppears(nose),
            _ => NoseSequences.Genuine(nose),
        };
    }

    private static async Task<IEnumerable<string>> CheckFramesAsync(IAttemptStore attempts, IFrameStore frames, string sessionId, List<int> accepted, string label)
    {
        var problems = new List<string>();
        var session = await attempts.GetSessionAsync(sessionId, CancellationToken.None);
        var stored = await attempts.GetFramesAsync(sessionId, CancellationToken.None);
        var decidedAt = session?.Outcome?.DecidedAtFrame ?? int.MaxValue;
        foreach (var sequence in accepted)
        {
            var record = stored.FirstOrDefault(f => f.Sequence == sequence);
            if (record is null)
            {
                problems.Add($"{label}: accepted frame {sequence} is not in the attempt store");
                continue;
            }

            if (await frames.GetAsync(record.StorageKey, CancellationToken.None) is null)
            {
                problems.Add($"{label}: accepted frame {sequence} has no bytes in the frame store");
            }

            if (record.Analysis is null && sequence == decidedAt && session?.Outcome?.Reason != ChallengeReason.SessionExpired)
            {
                // The sparse strategy (the default) analyses only the frames the challenge needs, but never decides on a
                // frame without its analysis.
                problems.Add($"{label}: deciding frame {sequence} was never analysed");
            }

            if (record.Analysis is not null && sequence > decidedAt && record.Analysis.AnalyzedAt > session!.CompletedAt)
            {
                problems.Add($"{label}: frame {sequence} after the decision at {decidedAt} was analysed after the session completed");
            }
        }

        return problems;
    }

    private static async Task<T> RetryAsync<T>(Func<ValueTask<T>> call, Action onRetry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (FaceVerificationException) when (attempt < MaxClientAttempts)
            {
                onRetry();
            }
        }
    }
}
