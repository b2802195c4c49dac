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
/// Liveness end to end through the real local engine, in process: <see cref="IChallengeSessionService"/> with default
/// options (the nose challenge only, since the server chooses the challenge; flat-object check, identity consistency with the engine's CompareFaces, and the local
/// engine's passive presentation-attack detector), fed with frames the corpus generator renders for each session's own
/// nose target (tools/local-aws/bin/render-sequence.js; docs/liveness-evidence.md). Rates, not single outcomes.
/// </summary>
[NonParallelizable]
public sealed class CorpusEndToEndTests
{
    private const int Size = 480;

    /// <summary>
    /// Genuine 30° head turns pass with every check on, and the person enrols with the session (the photo: a frontal
    /// portrait of the same face, tools/local-aws/bin/render-sequence.js <c>--reference-photos</c>; liveness required, the
    /// default). Before issue 14's identity binding of turned faces, 2 of these 4 failed <c>identity_mismatch</c> (the
    /// first frame against the 30°-turned deciding frame scored 87.5 and 89.6); now each frame is compared with the
    /// frame of nearest pose, and enrolment compares the photo with the most frontal frames.
    /// </summary>
    [Test]
    public async Task GenuineHeadTurnsOf30Degrees_AllPassAndEnrol()
    {
        var runs = new List<(VerificationResult Verify, EnrolmentResult? Enrolment)>();
        foreach (var seed in new[] { 2, 4, 6, 9 })
        {
            runs.Add(await RunAsync("genuine", seed, turn: 30, enrol: true));
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, runs.Select(o => $"{o.Verify.Status} {o.Verify.Reason} {o.Verify.Detail}; enrolment {o.Enrolment?.Reason} {o.Enrolment?.Similarity} {o.Enrolment?.Detail}")));
        runs.Should().OnlyContain(o => o.Verify.Status == SessionStatus.Passed, "genuine 30° head turns pass with every check on");
        runs.Should().OnlyContain(o => o.Enrolment != null && o.Enrolment.Succeeded, "the person who passed enrols with the session and a photo of her face");
    }

    /// <summary>
    /// The measurement behind docs/liveness-evidence.md ("End to end through the real engine"): genuine seeds 1–10 turned
    /// 15° and 30°, every check on, each passed session then enrolling with a frontal portrait of its face. Prints the
    /// per-turn table; asserts that identity binding rejects none of these genuine sessions.
    /// </summary>
    [Test]
    [Explicit("A measurement over 20 rendered sequences (about 15 minutes on 2 cores); run it by name.")]
    public async Task GenuineHeadTurns_Seeds1To10_Turns15And30_Measured()
    {
        var runs = new List<(double Turn, int Seed, VerificationResult Verify, EnrolmentResult? Enrolment)>();
        foreach (var turn in new[] { 15.0, 30.0 })
        {
            for (var seed = 1; seed <= 10; seed++)
            {
                var (verify, enrolment) = await RunAsync("genuine", seed, turn, enrol: true);
                TestContext.Out.WriteLine($"turn {turn} seed {seed}: {verify.Status} {verify.Reason} {verify.Detail}; enrolment {enrolment?.Reason} {enrolment?.Similarity:0.#}");
                runs.Add((turn, seed, verify, enrolment));
            }
        }

        TestContext.Out.WriteLine("| turn | n | passed verify | reasons | enrolled with the session | lowest enrolment similarity |");
        TestContext.Out.WriteLine("|---|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.Turn))
        {
            var failed = string.Join(", ", group.Where(r => r.Verify.Status != SessionStatus.Passed).GroupBy(r => r.Verify.Reason).Select(g => $"{g.Key} {g.Count()} (seeds {string.Join(" ", g.Select(r => r.Seed))})"));
            var enrolled = group.Where(r => r.Enrolment is { Succeeded: true }).ToList();
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key}° | {group.Count()} | {group.Count(r => r.Verify.Status == SessionStatus.Passed)} | {failed} | {enrolled.Count} | {(enrolled.Count == 0 ? "–" : enrolled.Min(r => r.Enrolment!.Similarity ?? 0).ToString("0.0", CultureInfo.InvariantCulture))} |"));
        }

        runs.Should().NotContain(r => r.Verify.Reason == ChallengeReason.IdentityMismatch, "identity binding rejects no genuine turn");
    }

    [Test]
    public async Task FlatPrintsAndDigitalBends_NonePass()
    {
        var outcomes = new List<(string Kind, VerificationResult Result)>();
        foreach (var (kind, seed) in new[] { ("tilt", 2), ("slide", 3), ("bend", 2) })
        {
            outcomes.Add((kind, (await RunAsync(kind, seed, turn: 30)).Verify));
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, outcomes.Select(o => $"{o.Kind}: {o.Result.Status} {o.Result.Reason} {o.Result.Detail}")));
        outcomes.Should().OnlyContain(o => o.Result.Status == SessionStatus.Failed);
    }

    /// <summary>
    /// A measurement, not a guarantee: prints bent around a cylinder or bulged at the face centre, turned 30° towards
    /// the target like a head. Measured: both passed (docs/liveness-evidence.md, "What none of this stops").
    /// </summary>
    [Test]
    [Explicit("A measurement of a known limit (3D-bent prints pass); run it by name.")]
    public async Task BentPrintsTurnedLikeAHead_Measured()
    {
        foreach (var (kind, seed) in new[] { ("cylinder", 2), ("bump", 3) })
        {
            var (result, _) = await RunAsync(kind, seed, turn: 30);
            TestContext.Out.WriteLine($"{kind}: {result.Status} {result.Reason} {result.Detail}");
            result.Status.Should().NotBe(SessionStatus.Created);
        }
    }

    private static async Task<(VerificationResult Verify, EnrolmentResult? Enrolment)> RunAsync(string kind, int seed, double turn, bool enrol = false)
    {
        var stack = await LocalAwsStack.GetAsync("rekognition");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FaceVerify:Rekognition:ServiceUrl"] = stack.Rekognition,
            ["FaceVerify:Rekognition:Region"] = stack.Region,
            ["FaceVerify:Rekognition:AccessKeyId"] = stack.AccessKeyId,
            ["FaceVerify:Rekognition:SecretAccessKey"] = stack.SecretAccessKey,
            ["FaceVerify:Rekognition:CollectionId"] = "corpus-e2e-" + Guid.NewGuid().ToString("N")[..12],
            ["FaceVerify:Rekognition:AttemptTimeout"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        // The session's nose target (and the server's other random choices) from a seeded generator: the rendered
        // sequence is aimed at that target, so a random one made the verdict differ between runs (a bend print passed
        // in one clean-clone run and failed in another; docs/liveness-evidence.md).
        services.AddSingleton<RandomNumberGenerator>(new SeededRandomNumberGenerator(seed));
        // Challenge and check options are the defaults; only the analysis plumbing is sized for this shared 2-core
        // machine, where one engine analyses every frame in turn (a 10 s analysis timeout expires in its queue).
        services.AddFaceVerification(o =>
            {
                o.AnalysisTimeout = TimeSpan.FromMinutes(2);
                o.MaxConcurrentAnalyses = 2;

                // FACEVERIFY_TEST_ANALYSIS_STRATEGY=Sparse runs these sessions under the sparse strategy (docs/performance.md).
                if (Enum.TryParse<FrameAnalysisStrategy>(Environment.GetEnvironmentVariable("FACEVERIFY_TEST_ANALYSIS_STRATEGY"), out var strategy))
                {
                    o.AnalysisStrategy = strategy;
                }
            })
            .ClearChallenges()
            .AddChallenge<NoseTargetChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseRekognition()
            .AddLocalEnginePresentationAttackDetector();
        await using var provider = services.BuildServiceProvider();
        var sessions = provider.GetRequiredService<IChallengeSessionService>();

        var user = $"corpus-{kind}-{seed}";
        var started = await sessions.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = Size, FrameHeight = Size }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        var frames = await RenderAsync(kind, seed, turn, started.Parameters!.Value);
        foreach (var frame in frames)
        {
            await sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), frame, default);
        }

        var verify = await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
        if (!enrol || verify.Status != SessionStatus.Passed)
        {
            return (verify, null);
        }

        var collection = provider.GetRequiredService<RekognitionFaceCollection>();
        await collection.EnsureCollectionAsync();
        try
        {
            var photo = await ReferencePhotoAsync(kind, seed, turn, started.Parameters!.Value);
            var enrolment = await provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync(new EnrolmentRequest { UserId = user, Photo = photo, LivenessSessionId = started.SessionId }, default);
            return (verify, enrolment);
        }
        finally
        {
            await collection.DeleteCollectionAsync();
        }
    }

    /// <summary>A frontal portrait of the sequence's face (render-sequence.js --describe --reference-photos).</summary>
    private static async Task<byte[]> ReferencePhotoAsync(string kind, int seed, double turn, JsonElement parameters)
    {
        var folder = Directory.CreateTempSubdirectory("faceverify-reference-").FullName;
        try
        {
            var description = await NodeAsync("bin/render-sequence.js", "--class", kind, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--turn", turn.ToString(CultureInfo.InvariantCulture), "--parameters", parameters.GetRawText(), "--describe", "--reference-photos", folder);
            using var json = JsonDocument.Parse(description);
            var id = json.RootElement.GetProperty("identity").GetProperty("id").GetString()!;
            return await File.ReadAllBytesAsync(Path.Combine(folder, id + ".jpg"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> NodeAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws"),
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, errors);
        return await output;
    }

    private static async Task<IReadOnlyList<byte[]>> RenderAsync(string kind, int seed, double turn, JsonElement parameters)
    {
        var folder = Directory.CreateTempSubdirectory("faceverify-corpus-").FullName;
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws"),
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "bin/render-sequence.js", "--class", kind, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--turn", turn.ToString(CultureInfo.InvariantCulture), "--parameters", parameters.GetRawText(), "--out", folder })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, errors + await output);
            return [.. Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
