using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Aws.Tests.Liveness;

/// <summary>
/// The pose challenge end to end through the real local engine, in process: <see cref="IChallengeSessionService"/> with
/// default options and only the pose challenge (two poses, all four eye states; identity consistency and the local
/// engine's passive presentation-attack detector on), fed with frames the corpus generator renders for each session's
/// own requested poses (tools/local-aws/bin/render-sequence.js, corpus/poses.js, corpus/expressions.js), submitted at
/// the recording's frame times. docs/liveness-evidence.md "Pose challenge". Rates and counts, not single outcomes.
/// </summary>
[NonParallelizable]
public sealed class PoseCorpusEndToEndTests
{
    private const int Size = 480;

    [Test]
    public async Task GenuinePosesAndPoseAttacks_SeededSubset()
    {
        var genuine = new List<(int Seed, SessionRun Run)>();
        foreach (var (seed, user) in GenuineSubset)
        {
            genuine.Add((seed, await RunAsync("pose", seed, user)));
        }

        var attacks = new List<(string Kind, int Seed, SessionRun Run)>();
        foreach (var (kind, seed) in AttackSubset)
        {
            attacks.Add((kind, seed, await RunAsync(kind, seed)));
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, genuine.Select(g => $"pose-{g.Seed}: {g.Run}")));
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, attacks.Select(a => $"{a.Kind}-{a.Seed}: {a.Run}")));
        // Measured on this subset (docs/liveness-evidence.md "Pose challenge"): see GenuineSubset for which sessions pass.
        genuine.Count(g => g.Run.Result.Status == SessionStatus.Passed).Should().BeGreaterThanOrEqualTo(GenuinePassesAtLeast, "genuine users showing the requested poses pass with every check on");
        attacks.Should().OnlyContain(a => a.Run.Result.Status == SessionStatus.Failed, "a print, a print in a moving hand and a replay of another challenge's poses fail");
        attacks.Should().OnlyContain(a => a.Run.Result.Reason == ChallengeReason.ChallengeNotCompleted || a.Run.Result.Reason == ChallengeReason.StateTimeout, "they never show the requested poses");
    }

    /// <summary>
    /// The measurement behind the docs' table: genuine seeds 1-12 and each attack class seeds 1-4, every outcome printed.
    /// About 7 minutes on a loaded 2-core machine; run it by name.
    /// </summary>
    [Test]
    [Explicit("A measurement (~7 min): run it by name with the detailed console logger.")]
    public async Task PoseClasses_Measured()
    {
        var rows = new List<string>();
        foreach (var (kind, seeds) in new[] { ("pose", Enumerable.Range(1, 12)), ("pose-still", Enumerable.Range(1, 4)), ("pose-held", Enumerable.Range(1, 4)), ("pose-replay", Enumerable.Range(1, 4)) })
        {
            var runs = new List<SessionRun>();
            foreach (var seed in seeds)
            {
                var run = await RunAsync(kind, seed);
                runs.Add(run);
                TestContext.Out.WriteLine($"{kind}-{seed}: {run}");
            }

            var reasons = string.Join(", ", runs.Where(r => r.Result.Status != SessionStatus.Passed).GroupBy(r => r.Result.Reason).Select(g => $"{g.Key} {g.Count()}"));
            rows.Add($"| `{kind}` | {runs.Count} | {runs.Count(r => r.Result.Status == SessionStatus.Passed)} | {reasons} |");
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, rows));
        rows.Should().HaveCount(4);
    }

    // Genuine sessions by the two users on whom the local engine sees every rendered state as its pose
    // (bin/pose-expressions.js: sample5-2 and sample6-0; on the other users some states are not renderable, which the
    // measurement below counts), and how many of them pass end to end.
    private static readonly (int Seed, string User)[] GenuineSubset = [(1, "sample5-2"), (2, "sample6-0"), (3, "sample5-2"), (4, "sample6-0")];
    private const int GenuinePassesAtLeast = 3; // measured: 4 of 4

    private static readonly (string Kind, int Seed)[] AttackSubset = [("pose-still", 1), ("pose-held", 2), ("pose-replay", 3)];

    private sealed record SessionRun(VerificationResult Result, string Poses, string Rendered)
    {
        public override string ToString() => $"{Result.Status} {Result.Reason} poses {Poses} ({Rendered}) {Result.Detail}";
    }

    private static async Task<SessionRun> RunAsync(string kind, int seed, string? user = null)
    {
        // The session's requested poses come from the seeded generator, so a seed is the same session in every run.
        await using var provider = await CorpusEngine.BuildAsync(seed, b => b.AddChallenge<PoseChallenge>());
        var sessions = provider.GetRequiredService<IChallengeSessionService>();

        var started = await sessions.StartAsync(new StartChallengeRequest { UserId = $"pose-{kind}-{seed}", FrameWidth = Size, FrameHeight = Size }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        started.ChallengeType.Should().Be(PoseChallenge.TypeName);
        var parameters = started.Parameters!.Value;
        var poses = string.Join(",", parameters.GetProperty("poses").EnumerateArray().Select(p => $"{p.GetProperty("eyes").GetString()}/{p.GetProperty("mouth").GetString()}"));
        string[] arguments = ["--class", kind, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--parameters", parameters.GetRawText()];
        var sequence = await CorpusEngine.RenderFramesAsync(user is null ? arguments : [.. arguments, "--identity", user]);
        var description = sequence.Description;
        var rendered = $"user {description.GetProperty("identityId").GetString()}"
            + (description.TryGetProperty("recordedPoses", out var recorded)
                ? ", replayed " + string.Join(",", recorded.EnumerateArray().Select(p => $"{p.GetProperty("eyes").GetString()}/{p.GetProperty("mouth").GetString()}"))
                : string.Empty);
        // frames arrive at the recording's own times (12 fps), as a camera sends them
        await CorpusEngine.SubmitAsync(sessions, started, sequence, paced: true);

        var result = await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
        return new SessionRun(result, poses, rendered);
    }
}
