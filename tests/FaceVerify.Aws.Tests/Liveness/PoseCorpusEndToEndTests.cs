using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
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
        var stack = await LocalAwsStack.GetAsync("rekognition");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FaceVerify:Rekognition:ServiceUrl"] = stack.Rekognition,
            ["FaceVerify:Rekognition:Region"] = stack.Region,
            ["FaceVerify:Rekognition:AccessKeyId"] = stack.AccessKeyId,
            ["FaceVerify:Rekognition:SecretAccessKey"] = stack.SecretAccessKey,
            ["FaceVerify:Rekognition:CollectionId"] = "pose-corpus-e2e",
            ["FaceVerify:Rekognition:AttemptTimeout"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        // The session's requested poses (and the server's other random choices) from a seeded generator, so a seed is
        // the same session in every run.
        services.AddSingleton<RandomNumberGenerator>(new SeededRandomNumberGenerator(seed));
        // Challenge and check options are the defaults; only the analysis plumbing is sized for this shared 2-core
        // machine, where one engine analyses every frame in turn.
        services.AddFaceVerification(o =>
            {
                o.AnalysisTimeout = TimeSpan.FromMinutes(2);
                o.MaxConcurrentAnalyses = 2;
            })
            .ClearChallenges()
            .AddChallenge<PoseChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseRekognition()
            .AddLocalEnginePresentationAttackDetector();
        await using var provider = services.BuildServiceProvider();
        var sessions = provider.GetRequiredService<IChallengeSessionService>();

        var started = await sessions.StartAsync(new StartChallengeRequest { UserId = $"pose-{kind}-{seed}", FrameWidth = Size, FrameHeight = Size }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        started.ChallengeType.Should().Be(PoseChallenge.TypeName);
        var parameters = started.Parameters!.Value;
        var poses = string.Join(",", parameters.GetProperty("poses").EnumerateArray().Select(p => $"{p.GetProperty("eyes").GetString()}/{p.GetProperty("mouth").GetString()}"));
        var (frames, times, rendered) = await RenderAsync(kind, seed, parameters, user);
        // frames arrive at the recording's own times (12 fps), as a camera sends them
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < frames.Count; i++)
        {
            var wait = TimeSpan.FromMilliseconds(times[i]) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), frames[i], default);
        }

        var result = await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
        return new SessionRun(result, poses, rendered);
    }

    private static async Task<(IReadOnlyList<byte[]> Frames, IReadOnlyList<int> Times, string Rendered)> RenderAsync(string kind, int seed, JsonElement parameters, string? user)
    {
        var folder = Directory.CreateTempSubdirectory("faceverify-pose-corpus-").FullName;
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws"),
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "bin/render-sequence.js", "--class", kind, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--parameters", parameters.GetRawText(), "--out", folder })
            {
                start.ArgumentList.Add(argument);
            }

            if (user is not null)
            {
                start.ArgumentList.Add("--identity");
                start.ArgumentList.Add(user);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, errors + await output);
            using var sequence = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "sequence.json")));
            var times = sequence.RootElement.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("timestampMs").GetInt32()).ToList();
            var rendered = $"user {sequence.RootElement.GetProperty("identityId").GetString()}"
                + (sequence.RootElement.TryGetProperty("recordedPoses", out var recorded)
                    ? ", replayed " + string.Join(",", recorded.EnumerateArray().Select(p => $"{p.GetProperty("eyes").GetString()}/{p.GetProperty("mouth").GetString()}"))
                    : string.Empty);
            return ([.. Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)], times, rendered);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
