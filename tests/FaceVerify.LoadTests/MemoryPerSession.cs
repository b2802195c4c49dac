using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.LoadTests;

/// <summary>
/// Phase 4: managed heap per open session, in-process (no HTTP): <c>GC.GetTotalMemory(true)</c> before and after
/// starting <see cref="LoadOptions.MemorySessions"/> sessions through <see cref="IChallengeSessionService"/> with the
/// in-memory stores, (a) without frames, and (b) with <see cref="LoadOptions.MemoryFrames"/> frames each, submitted and
/// analysed (one face with its landmarks, parsed afresh for every call as a store would) but not verified: the attempt
/// store's session, attempt counter and frame records, the stored analyses, the frame bytes in the in-memory frame store
/// and the analysis coordinator's per-session evaluator. The harness keeps nothing of its own per session.
/// </summary>
internal static class MemoryPerSession
{
    public static async Task<MemoryResult> RunAsync(LoadOptions options, Report report)
    {
        report.Progress($"memory: {options.MemorySessions} open sessions, without and with {options.MemoryFrames} frames each");
        string? faceJson = null;
        var services = new ServiceCollection();
        var analyzer = new ScriptedFaceAnalyzer((_, _) => faceJson is null ? FaceAnalysis.NoFaces : new FaceAnalysis(FaceDetailsJson.ParseArray(faceJson)));
        services.AddFaceVerification(o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxConcurrentAnalyses = 16;
            })
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(analyzer);
        await using var provider = services.BuildServiceProvider();
        var sessions = provider.GetRequiredService<IChallengeSessionService>();

        // Warm up (JIT, pools, the first session's static data) and take the still face from real parameters.
        var warm = await StartAsync(sessions, "warm-up").ConfigureAwait(false);
        faceJson = FaceDetailsJson.Serialize(NoseSequences.StaticFace(ParametersOf(warm), TimeSpan.FromSeconds(1))[0].Faces);
        await SubmitFramesAsync(sessions, warm, 2, 0).ConfigureAwait(false);
        await WaitForCallsAsync(analyzer, 2).ConfigureAwait(false);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < options.MemorySessions; i++)
        {
            await StartAsync(sessions, $"memory-user-{i}").ConfigureAwait(false);
        }

        var afterSessions = GC.GetTotalMemory(forceFullCollection: true);

        var frameBytes = TestFrames.Jpeg(480, 480, 0).Length;
        var callsBefore = analyzer.Calls;
        var accepted = 0;
        for (var i = 0; i < options.MemorySessions; i++)
        {
            var started = await StartAsync(sessions, $"memory-frames-user-{i}").ConfigureAwait(false);
            accepted += await SubmitFramesAsync(sessions, started, options.MemoryFrames, (i + 1) * SessionScripts.BlockSize).ConfigureAwait(false);
        }

        await WaitForCallsAsync(analyzer, callsBefore + accepted).ConfigureAwait(false);
        var afterFrames = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(sessions);

        var withoutFrames = (afterSessions - before) / (double)options.MemorySessions;
        var withFrames = (afterFrames - afterSessions) / (double)options.MemorySessions;
        if (accepted != options.MemorySessions * options.MemoryFrames)
        {
            report.Fail($"memory: {accepted} of {options.MemorySessions * options.MemoryFrames} frames were accepted");
        }

        return new MemoryResult(options.MemorySessions, options.MemoryFrames, frameBytes, withoutFrames, withFrames, analyzer.Calls - callsBefore);
    }

    private static readonly System.Text.Json.JsonSerializerOptions WebJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static NoseChallengeParameters ParametersOf(StartChallengeResult started)
        => System.Text.Json.JsonSerializer.Deserialize<NoseChallengeParameters>(started.Parameters!.Value, WebJson)!;

    private static async Task<StartChallengeResult> StartAsync(IChallengeSessionService sessions, string user)
    {
        var started = await sessions.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = 480, FrameHeight = 480, ChallengeType = "nose" }, CancellationToken.None).ConfigureAwait(false);
        return started.Succeeded ? started : throw new HarnessException($"memory: a session did not start ({started.Reason}).");
    }

    private static async Task<int> SubmitFramesAsync(IChallengeSessionService sessions, StartChallengeResult started, int frames, int firstVariant)
    {
        var accepted = 0;
        for (var f = 0; f < frames; f++)
        {
            var result = await sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), TestFrames.Jpeg(480, 480, firstVariant + f), CancellationToken.None).ConfigureAwait(false);
            accepted += result.Succeeded ? 1 : 0;
        }

        return accepted;
    }

    private static async Task WaitForCallsAsync(ScriptedFaceAnalyzer analyzer, int calls)
    {
        for (var i = 0; i < 600 && analyzer.Calls < calls; i++)
        {
            await Task.Delay(50).ConfigureAwait(false);
        }

        // Let the last analyses be stored and fed to their evaluators.
        await Task.Delay(200).ConfigureAwait(false);
    }
}

/// <summary>Heap per open session, in bytes.</summary>
internal sealed record MemoryResult(int Sessions, int FramesPerSession, int FrameBytes, double BytesPerSessionWithoutFrames, double BytesPerSessionWithFrames, int AnalyzerCalls);
