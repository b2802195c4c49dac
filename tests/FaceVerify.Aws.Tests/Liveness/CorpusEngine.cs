using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Aws.Tests.Liveness;

/// <summary>
/// The plumbing the corpus end-to-end tests share (<see cref="CorpusEndToEndTests"/>,
/// <see cref="CorpusSubstitutionEndToEndTests"/>, <see cref="PoseCorpusEndToEndTests"/>): FaceVerify on the local face
/// engine with default challenge and check options, and the corpus generator's <c>bin/render-sequence.js</c>.
/// </summary>
internal static class CorpusEngine
{
    /// <summary>
    /// Services for sessions through the local engine: in-memory stores, the Rekognition adapter on the engine (so
    /// identity consistency, enrolment and login use its CompareFaces, in a fresh collection), its passive detector, and
    /// the server's random choices (nose target, poses) from <see cref="SeededRandomNumberGenerator"/>(<paramref name="seed"/>),
    /// so a seed is the same session in every run (with a random target a bend print passed in one clean-clone run and
    /// failed in the next; docs/liveness-evidence.md). Challenge and check options are the defaults; only the analysis
    /// plumbing is sized for a shared 2-core machine, where one engine analyses every frame in turn (a 10 s analysis
    /// timeout expires in its queue). <c>FACEVERIFY_TEST_ANALYSIS_STRATEGY=Sparse</c> runs them under the sparse strategy
    /// (docs/performance.md) unless <paramref name="configure"/> sets one.
    /// </summary>
    public static async Task<ServiceProvider> BuildAsync(
        int seed,
        Func<IFaceVerificationBuilder, IFaceVerificationBuilder> challenges,
        Action<FaceVerificationOptions>? configure = null)
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
        services.AddSingleton<RandomNumberGenerator>(new SeededRandomNumberGenerator(seed));
        var builder = services.AddFaceVerification(o =>
        {
            o.AnalysisTimeout = TimeSpan.FromMinutes(2);
            o.MaxConcurrentAnalyses = 2;
            if (Enum.TryParse<FrameAnalysisStrategy>(Environment.GetEnvironmentVariable("FACEVERIFY_TEST_ANALYSIS_STRATEGY"), out var strategy))
            {
                o.AnalysisStrategy = strategy;
            }

            configure?.Invoke(o);
        });
        challenges(builder.ClearChallenges())
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseRekognition()
            .AddLocalEnginePresentationAttackDetector();
        return services.BuildServiceProvider();
    }

    /// <summary>Runs <c>node bin/render-sequence.js</c> with <paramref name="arguments"/> in tools/local-aws; returns what it printed.</summary>
    public static async Task<string> RenderSequenceAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(LocalAwsStack.RepositoryRoot, "tools", "local-aws"),
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("bin", "render-sequence.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.Should().Be(0, errors + await output);
        return await output;
    }

    /// <summary>
    /// Renders a sequence (<paramref name="arguments"/> plus <c>--out</c> a temporary folder) and returns its frames in
    /// order with its <c>sequence.json</c>; the folder is deleted.
    /// </summary>
    public static async Task<RenderedSequence> RenderFramesAsync(params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("faceverify-corpus-").FullName;
        try
        {
            await RenderSequenceAsync([.. arguments, "--out", folder]);
            using var sequence = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "sequence.json")));
            return new RenderedSequence([.. Directory.GetFiles(folder, "*.jpg").Order(StringComparer.Ordinal).Select(File.ReadAllBytes)], sequence.RootElement.Clone());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Submits <paramref name="sequence"/>'s frames to the session: back to back, or with <paramref name="paced"/> at the
    /// recording's own frame times (12 fps with jitter), as a camera sends them (the sparse strategy's choice of frames
    /// depends on receive times).
    /// </summary>
    public static async Task SubmitAsync(IChallengeSessionService sessions, StartChallengeResult started, RenderedSequence sequence, bool paced)
    {
        var access = new SessionAccess(started.SessionToken);
        var times = sequence.TimesMs;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < sequence.Frames.Count; i++)
        {
            var wait = TimeSpan.FromMilliseconds(times[i]) - clock.Elapsed;
            if (paced && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            await sessions.SubmitFrameAsync(started.SessionId!, access, sequence.Frames[i], default);
        }
    }
}

/// <summary>A rendered sequence: its JPEG frames in order and its <c>sequence.json</c>.</summary>
internal sealed record RenderedSequence(IReadOnlyList<byte[]> Frames, JsonElement Description)
{
    /// <summary>Each frame's time stamp in the recording, in milliseconds.</summary>
    public IReadOnlyList<int> TimesMs => [.. Description.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("timestampMs").GetInt32())];
}
