using System.Diagnostics;
using FaceVerify.Testing;

namespace FaceVerify.LoadTests;

/// <summary>
/// Phase 1: frame upload throughput. <see cref="LoadOptions.Clients"/> clients upload frames back to back, for a warm-up
/// and then <see cref="LoadOptions.UploadSeconds"/> measured seconds per mode: the baseline endpoint and FaceVerify's
/// frame route, each with raw image/jpeg bodies and with base64 JSON bodies. FaceVerify clients upload up to 100 frames
/// into one nose session (a still face: the challenge keeps going), then start the next session; a 409 (the session
/// closed) also starts the next one. The analyzer answers at once in this phase, so the figures are the request path:
/// HTTP, token check, header check, SHA-256, frame store, attempt store, queueing the analysis (and the analysis itself
/// on the same two cores).
/// </summary>
internal static class UploadThroughput
{
    private const int FramesPerSession = 100;

    public static async Task<IReadOnlyList<UploadResult>> RunAsync(LoadHost host, LoadOptions options, Report report)
    {
        var latency = host.Analyzer.Latency;
        host.Analyzer.Latency = TimeSpan.Zero;
        try
        {
            var payload = new FramePayload(480, 480, options.FrameBytes);
            using var client = new ApiClient(host.BaseAddress);
            var sample = await client.StartAsync("upload-token-sample").ConfigureAwait(false);
            var modes = new (string Name, string Prefix, bool Json)[]
            {
                ("baseline, raw body", "/baseline", false),
                ("FaceVerify, raw body", "/faceverify", false),
                ("baseline, base64 JSON", "/baseline", true),
                ("FaceVerify, base64 JSON", "/faceverify", true),
            };
            // Modes take turns in slices of about a second, so that load from other processes on the machine falls on
            // every mode alike; the first slice of each mode is a warm-up.
            var rounds = Math.Max(1, (int)Math.Round(options.UploadSeconds));
            var slice = TimeSpan.FromSeconds(options.UploadSeconds / rounds);
            var tallies = modes.Select(_ => new List<ClientTally>()).ToArray();
            var cpu = new TimeSpan[modes.Length];
            report.Progress($"upload: {modes.Length} modes, {options.Clients} clients, {rounds} slices of {slice.TotalSeconds:0.##} s each (+ a warm-up slice)");
            for (var round = -1; round < rounds; round++)
            {
                for (var m = 0; m < modes.Length; m++)
                {
                    var (perClient, cpuUsed) = await RunSliceAsync(host, client, payload, sample.Token, modes[m].Prefix, modes[m].Json, options.Clients, round < 0 ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(0.1), round < 0 ? TimeSpan.Zero : slice).ConfigureAwait(false);
                    if (round >= 0)
                    {
                        tallies[m].AddRange(perClient);
                        cpu[m] += cpuUsed;
                    }
                }
            }

            return [.. modes.Select((mode, m) =>
            {
                var perClient = tallies[m];
                var stats = new Stats(perClient.SelectMany(r => r.Latencies));
                return new UploadResult(
                    mode.Name,
                    mode.Json,
                    mode.Prefix == "/baseline",
                    stats.Count,
                    stats.Count / (slice.TotalSeconds * rounds),
                    stats.Percentile(50),
                    stats.Percentile(99),
                    perClient.Sum(r => r.Errors),
                    perClient.Sum(r => r.Rollovers),
                    perClient.Sum(r => r.Sessions),
                    perClient.Select(r => r.FirstError).FirstOrDefault(e => e is not null),
                    cpu[m].TotalMicroseconds / Math.Max(1, perClient.Sum(r => r.Completed)));
            })];
        }
        finally
        {
            host.Analyzer.Latency = latency;
        }
    }

    private static async Task<(ClientTally[] PerClient, TimeSpan Cpu)> RunSliceAsync(LoadHost host, ApiClient client, FramePayload payload, string sampleToken, string prefix, bool json, int clients, TimeSpan warmUp, TimeSpan measured)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(() => ClientLoopAsync(host, client, payload, sampleToken, prefix, json, c, warmUp, warmUp + measured, clock)))).ConfigureAwait(false);
        process.Refresh();
        return (perClient, process.TotalProcessorTime - cpuBefore);
    }

    private static async Task<ClientTally> ClientLoopAsync(LoadHost host, ApiClient client, FramePayload payload, string sampleToken, string prefix, bool json, int index, TimeSpan from, TimeSpan until, Stopwatch clock)
    {
        var tally = new ClientTally();
        var baseline = prefix == "/baseline";
        StartedSession? session = null;
        SessionScript? script = null;
        var frame = 0;
        var variant = index * 1_000_000;
        while (clock.Elapsed < until)
        {
            byte[] bytes;
            string id, token;
            if (baseline)
            {
                id = "baseline-" + index;
                token = sampleToken;
                bytes = payload.Jpeg(variant++);
            }
            else
            {
                if (session is null || frame >= FramesPerSession)
                {
                    if (script is not null)
                    {
                        host.Scripts.Remove(script);
                    }

                    session = await client.StartAsync($"upload-{index}").ConfigureAwait(false);
                    script = host.Scripts.Register(NoseSequences.StaticFace(session.NoseParameters, TimeSpan.FromSeconds(30)));
                    tally.Sessions++;
                    frame = 0;
                }

                id = session.Id;
                token = session.Token;
                bytes = payload.Jpeg(script!.Variant(frame++));
            }

            var result = json ? await client.PutJsonAsync(prefix, id, token, bytes).ConfigureAwait(false) : await client.PutRawAsync(prefix, id, token, bytes).ConfigureAwait(false);
            var inWindow = clock.Elapsed >= from && clock.Elapsed < until;
            tally.Completed++;
            if (result.Status == 200)
            {
                if (inWindow)
                {
                    tally.Latencies.Add(result.Elapsed.TotalMilliseconds);
                }
            }
            else if (result.Status == 409 && !baseline)
            {
                tally.Rollovers++;
                session = null;
            }
            else
            {
                tally.Errors++;
                tally.FirstError ??= $"{prefix} frame upload answered {result.Status}";
                session = null;
            }
        }

        if (script is not null)
        {
            host.Scripts.Remove(script);
        }

        return tally;
    }

    private sealed class ClientTally
    {
        public List<double> Latencies { get; } = new(4096);

        public int Errors { get; set; }

        public int Completed { get; set; }

        public int Rollovers { get; set; }

        public int Sessions { get; set; }

        public string? FirstError { get; set; }
    }
}

/// <summary>One upload mode's figures (latencies in milliseconds).</summary>
internal sealed record UploadResult(string Mode, bool Json, bool Baseline, int Requests, double RequestsPerSecond, double P50, double P99, int Errors, int Rollovers, int Sessions, string? FirstError, double CpuMicrosecondsPerRequest);
