using System.Diagnostics;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.LoadTests;

/// <summary>
/// Diagnostic phase (<c>--only submit</c>): the server-side cost of one frame without HTTP, in-process and on one
/// caller: <see cref="IChallengeSessionService.SubmitFrameAsync"/> (token check, header check, SHA-256, stores, queueing)
/// and the background analysis it triggers (analyzer answering at once), as wall time and process CPU time per frame.
/// </summary>
internal static class SubmitCost
{
    public static async Task<(double WallMicroseconds, double CpuMicroseconds, int Frames)> RunAsync(LoadOptions options, Report report)
    {
        var scripts = new SessionScripts();
        var analyzer = scripts.CreateAnalyzer();
        var services = new ServiceCollection();
        services.AddFaceVerification(o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 10_000;
                o.MaxConcurrentAnalyses = options.AnalysisConcurrency;
            })
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(analyzer);
        await using var provider = services.BuildServiceProvider();
        var sessions = provider.GetRequiredService<IChallengeSessionService>();
        var payload = new FramePayload(480, 480, options.FrameBytes);
        var sessionCount = options.Smoke ? 20 : 200;
        const int FramesPerSession = 100;
        report.Progress($"submit: {sessionCount} sessions × {FramesPerSession} frames in-process");

        async Task<int> RunAsync(int count, string prefix)
        {
            var accepted = 0;
            for (var s = 0; s < count; s++)
            {
                var started = await sessions.StartAsync(new StartChallengeRequest { UserId = prefix + s, FrameWidth = 480, FrameHeight = 480, ChallengeType = "nose" }, CancellationToken.None).ConfigureAwait(false);
                var parameters = System.Text.Json.JsonSerializer.Deserialize<NoseChallengeParameters>(started.Parameters!.Value, ApiJsonOptions)!;
                var script = scripts.Register(NoseSequences.StaticFace(parameters, TimeSpan.FromSeconds(30)));
                for (var f = 0; f < FramesPerSession; f++)
                {
                    var result = await sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), payload.Jpeg(script.Variant(f)), CancellationToken.None).ConfigureAwait(false);
                    accepted += result.Succeeded ? 1 : 0;
                }
            }

            return accepted;
        }

        await RunAsync(Math.Max(2, sessionCount / 10), "warm-").ConfigureAwait(false);
        var calls = analyzer.Calls;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var frames = await RunAsync(sessionCount, "submit-").ConfigureAwait(false);
        for (var i = 0; i < 600 && analyzer.Calls < calls + frames; i++)
        {
            await Task.Delay(5).ConfigureAwait(false);
        }

        var wall = clock.Elapsed;
        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        return (wall.TotalMicroseconds / frames, cpuUsed.TotalMicroseconds / frames, frames);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ApiJsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
