using System.Collections.Concurrent;
using System.Diagnostics;

namespace FaceVerify.LoadTests;

/// <summary>
/// Phases 2 and 3: verify latency and analyzer calls, FaceVerify side by side with the reference strategy in the same
/// host and run. Each virtual user runs sessions one after the other: start, upload the frames at
/// <see cref="LoadOptions.Fps"/> (raw JPEG), then verify at once. FaceVerify clients stop uploading when the server
/// answers 409 (the challenge is decided); reference clients upload every frame (the reference never stops).
/// Verify latency is the time from the last frame's response to verify's response.
/// </summary>
internal static class VerifyLatency
{
    /// <summary>The strategies a host serves: FaceVerify's routes (with the host's analysis strategy) and the reference routes.</summary>
    public static readonly (string Name, string Prefix)[] Strategies = [("FaceVerify", "/faceverify"), ("reference", "/reference")];

    public static async Task<IReadOnlyList<SessionRun>> RunAsync(LoadHost host, LoadOptions options, Report report, IReadOnlyList<(string Name, string Prefix)>? strategies = null, int? sessionsPerScenario = null, int? users = null, IReadOnlyList<LoadScenario>? scenarios = null, bool sparse = true)
    {
        var payload = new FramePayload(480, 480, options.FrameBytes);
        using var client = new ApiClient(host.BaseAddress);
        var runs = new List<SessionRun>();
        foreach (var strategy in strategies ?? Strategies)
        {
            var work = (scenarios ?? LoadScenario.All).SelectMany(s => Enumerable.Range(0, sessionsPerScenario ?? options.Sessions).Select(i => (Scenario: s, Index: i))).ToArray();
            report.Progress($"verify: {strategy.Name}, {work.Length} sessions of {options.Frames} frames at {options.Fps:0.#} fps, {users ?? options.Users} users, L = {options.LatencyMs} ms");
            var results = new ConcurrentBag<SessionRun>();
            var exact = !(sparse && strategy.Prefix == "/faceverify");
            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = users ?? options.Users },
                async (item, _) => results.Add(await RunSessionAsync(host, client, payload, options, strategy.Name, strategy.Prefix, item.Scenario, $"{strategy.Name}-{item.Scenario.Challenge}-{item.Scenario.Name}-{item.Index}", exact).ConfigureAwait(false))).ConfigureAwait(false);
            runs.AddRange(results);
        }

        foreach (var run in runs.Where(r => r.Problem is not null))
        {
            report.Fail($"{run.Strategy} {run.Scenario.Challenge} {run.Scenario.Name}: {run.Problem}");
        }

        return runs;
    }

    private static async Task<SessionRun> RunSessionAsync(LoadHost host, ApiClient client, FramePayload payload, LoadOptions options, string strategy, string prefix, LoadScenario scenario, string user, bool exact)
    {
        var session = await client.StartAsync(user, scenario.Challenge).ConfigureAwait(false);
        var script = host.Scripts.Register(scenario.Build(session.Parameters, options.Frames));
        try
        {
            var interval = TimeSpan.FromSeconds(1 / options.Fps);
            var clock = Stopwatch.StartNew();
            var sent = 0;
            var accepted = 0;
            var lastResponse = TimeSpan.Zero;
            var uploadLatencies = new List<double>(options.Frames);
            for (var i = 0; i < options.Frames; i++)
            {
                var due = interval * i;
                if (clock.Elapsed < due)
                {
                    await Task.Delay(due - clock.Elapsed).ConfigureAwait(false);
                }

                var result = await client.PutRawAsync(prefix, session.Id, session.Token, payload.Jpeg(script.Variant(i))).ConfigureAwait(false);
                sent++;
                lastResponse = clock.Elapsed;
                uploadLatencies.Add(result.Elapsed.TotalMilliseconds);
                if (result.Status == 200)
                {
                    accepted++;
                }
                else if (result.Status == 409 && prefix == "/faceverify")
                {
                    break;
                }
                else
                {
                    return new SessionRun(strategy, scenario, sent, accepted, script.Calls, null, null, TimeSpan.Zero, uploadLatencies, $"frame {i} answered {result.Status}");
                }
            }

            var verify = await client.VerifyAsync(prefix, session.Id, session.Token).ConfigureAwait(false);
            var verifyLatency = clock.Elapsed - lastResponse;
            var expectedAt = scenario.ExpectedDecidedAt(options.Frames);
            var frameOk = exact
                ? verify.DecidedAtFrame == expectedAt
                : expectedAt is null ? verify.DecidedAtFrame is null : verify.DecidedAtFrame >= expectedAt;
            string? problem = null;
            if (verify.Success != scenario.ExpectPassed || verify.Reason != scenario.ExpectedReason || !frameOk)
            {
                problem = $"expected {(scenario.ExpectPassed ? "passed" : "failed")} ({scenario.ExpectedReason}) at frame {(exact ? string.Empty : "≥ ")}{expectedAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}, got {(verify.Success ? "passed" : "failed")} ({verify.Reason}) at frame {verify.DecidedAtFrame?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–"}";
            }

            return new SessionRun(strategy, scenario, sent, accepted, script.Calls, verify.DecidedAtFrame, verify.Success, verifyLatency, uploadLatencies, problem);
        }
        finally
        {
            host.Scripts.Remove(script);
        }
    }
}

/// <summary>One verify-phase session as the client saw it.</summary>
internal sealed record SessionRun(string Strategy, LoadScenario Scenario, int FramesSent, int FramesAccepted, int AnalyzerCalls, int? DecidedAt, bool? Passed, TimeSpan VerifyLatency, IReadOnlyList<double> UploadLatencies, string? Problem);
