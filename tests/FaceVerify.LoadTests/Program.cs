using System.Globalization;
using FaceVerify.LoadTests;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static FaceVerify.LoadTests.Stats;

// FaceVerify load harness: see docs/performance.md. Everything binds 127.0.0.1, every phase is bounded in count and
// time, and the run exits non-zero when a session ends otherwise than its scenario requires or a request fails.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

var report = new Report();
var L = options.LatencyMs;
Report.Line($"# FaceVerify load run{(options.Smoke ? " (smoke)" : string.Empty)}");
Report.Line();
Report.Line($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}; " +
    $"analyzer latency L = {L} ms; MaxConcurrentAnalyses = {options.AnalysisConcurrency}; frames {options.FrameBytes} B, 480×480.");
Report.Line();

var targets = new List<string>();
try
{
    if (options.Phases.Contains("memory"))
    {
        var memory = await MemoryPerSession.RunAsync(options, report);
        var perFrame = (memory.BytesPerSessionWithFrames - memory.BytesPerSessionWithoutFrames) / memory.FramesPerSession;
        Report.Line("## Memory per open session (in-process, in-memory stores)");
        Report.Line();
        Report.Line("| open sessions | frames per session | heap per session | heap per frame (frame bytes included) |");
        Report.Line("|---:|---:|---:|---:|");
        Report.Line($"| {memory.Sessions} | 0 | {F(memory.BytesPerSessionWithoutFrames / 1024, "0.00")} KB | – |");
        Report.Line($"| {memory.Sessions} | {memory.FramesPerSession} (analysed, {memory.FrameBytes} B each) | {F(memory.BytesPerSessionWithFrames / 1024, "0.00")} KB | {F(perFrame / 1024, "0.00")} KB |");
        Report.Line();
        targets.Add($"heap per open session without frames ≤ 16 KB: {Met(memory.BytesPerSessionWithoutFrames <= 16 * 1024)} ({F(memory.BytesPerSessionWithoutFrames / 1024, "0.00")} KB)");
    }

    if (options.Phases.Contains("submit"))
    {
        var submit = await SubmitCost.RunAsync(options, report);
        Report.Line($"## Server cost of one frame without HTTP (in-process, one caller, analyzer answering at once)");
        Report.Line();
        Report.Line($"{submit.Frames} frames of {options.FrameBytes} B: {F(submit.WallMicroseconds, "0")} µs wall and {F(submit.CpuMicroseconds, "0")} µs CPU per frame (submit + background analysis).");
        Report.Line();
    }

    if (options.Phases.Contains("upload"))
    {
        var discard = options.UploadStore == "discard";
        Action<IFaceVerificationBuilder>? useStore = discard ? f => f.Services.Replace(ServiceDescriptor.Singleton<FaceVerify.IFrameStore>(new DiscardingFrameStore())) : null;
        await using var host = await LoadHost.StartAsync(options, useStore);
        report.Progress($"upload host listening on {host.BaseAddress} (frame store: {(discard ? "discarding" : "in-memory")})");
        {
            var uploads = await UploadThroughput.RunAsync(host, options, report);
            Report.Line($"## Frame upload throughput ({options.Clients} clients, {options.FrameBytes} B frames, {options.UploadSeconds:0.#} s measured per mode, interleaved in 1 s slices)");
            Report.Line();
            Report.Line("| endpoint, body | requests | requests/s | p50 ms | p99 ms | × baseline | CPU µs per request (client + server) | errors | sessions (409 roll-overs) |");
            Report.Line("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var u in uploads)
            {
                var baseline = uploads.First(b => b.Baseline && b.Json == u.Json);
                var ratio = baseline.RequestsPerSecond > 0 ? u.RequestsPerSecond / baseline.RequestsPerSecond : double.NaN;
                Report.Line($"| {u.Mode} | {u.Requests} | {F(u.RequestsPerSecond, "0")} | {F(u.P50, "0.0")} | {F(u.P99, "0.0")} | {(u.Baseline ? "1" : F(ratio, "0.00"))} | {F(u.CpuMicrosecondsPerRequest, "0")} | {u.Errors} | {(u.Baseline ? "–" : $"{u.Sessions} ({u.Rollovers})")} |");
                if (!u.Baseline)
                {
                    targets.Add($"upload throughput {(u.Json ? "base64 JSON" : "raw")} ≥ 0.5 × baseline: {Met(ratio >= 0.5)} ({F(ratio, "0.00")} ×)");
                }

                if (u.Errors > 0 || u.Requests == 0)
                {
                    report.Fail($"upload {u.Mode}: {u.Requests} requests, {u.Errors} errors{(u.FirstError is null ? string.Empty : $" (first: {u.FirstError})")}");
                }
            }

            Report.Line($"Frame store: {(discard ? "discarding (bytes leave the process, as with S3)" : "in-memory (every frame stays in the heap)")}; attempt store: in-memory.");
            Report.Line();
        }
    }

    if (options.Phases.Contains("verify"))
    {
        await using var host = await LoadHost.StartAsync(options);
        report.Progress($"verify host listening on {host.BaseAddress}");
        {
            var runs = await VerifyLatency.RunAsync(host, options, report);
            Report.Line($"## Verify latency and analyzer calls ({options.Frames}-frame nose sessions at {options.Fps:0.#} fps, {options.Users} concurrent users, L = {L} ms)");
            Report.Line();
            Report.Line("Verify latency: from the last frame's response to verify's response. Extra calls: analyzer calls beyond the frames up to the deciding one.");
            Report.Line();
            Report.Line("| strategy | scenario | sessions | outcomes as expected | verify p50 | verify p90 | verify max | frames sent | analyzer calls (mean / max) | decided at frame | extra calls (max) | frame PUT p50 ms |");
            Report.Line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var group in runs.GroupBy(r => (r.Strategy, r.Scenario.Name)))
            {
                var latency = new Stats(group.Select(r => r.VerifyLatency.TotalMilliseconds));
                var uploads = new Stats(group.SelectMany(r => r.UploadLatencies));
                var extra = group.Where(r => r.DecidedAt is not null).Select(r => r.AnalyzerCalls - (r.DecidedAt!.Value + 1)).DefaultIfEmpty(0).Max();
                Report.Line($"| {group.Key.Strategy} | {group.Key.Name} | {group.Count()} | {group.Count(r => r.Problem is null)} | {Ms(latency.Percentile(50), L)} | {Ms(latency.Percentile(90), L)} | {Ms(latency.Max, L)} | {F(group.Average(r => r.FramesSent), "0.#")} | {F(group.Average(r => r.AnalyzerCalls), "0.#")} / {group.Max(r => r.AnalyzerCalls)} | {F(group.Where(r => r.DecidedAt is not null).Select(r => (double)r.DecidedAt!.Value).DefaultIfEmpty(double.NaN).Average(), "0.#")} | {extra} | {F(uploads.Percentile(50), "0.0")} |");
            }

            Report.Line();
            var genuine = new Stats(runs.Where(r => r.Strategy == "FaceVerify" && r.Scenario.Name == "genuine").Select(r => r.VerifyLatency.TotalMilliseconds));
            var reference = new Stats(runs.Where(r => r.Strategy == "reference" && r.Scenario.Name == "genuine").Select(r => r.VerifyLatency.TotalMilliseconds));
            var inFlight = (int)Math.Ceiling(L / 1000.0 * options.Fps) + 1;
            var passed = runs.Where(r => r.Strategy == "FaceVerify" && r.Passed == true && r.DecidedAt is not null).ToArray();
            var worstExtra = passed.Select(r => r.AnalyzerCalls - (r.DecidedAt!.Value + 1)).DefaultIfEmpty(0).Max();
            var fvCalls = runs.Where(r => r.Strategy == "FaceVerify").Sum(r => r.AnalyzerCalls);
            var refCalls = runs.Where(r => r.Strategy == "reference").Sum(r => r.AnalyzerCalls);
            Report.Line($"Genuine sessions, verify p50: FaceVerify {Ms(genuine.Percentile(50), L)}, reference {Ms(reference.Percentile(50), L)} (⌈{options.Frames}/10⌉ = {(options.Frames + 9) / 10} L expected). " +
                $"Analyzer calls over all sessions: FaceVerify {fvCalls}, reference {refCalls} ({F(100.0 * fvCalls / Math.Max(refCalls, 1), "0")} %).");
            Report.Line();
            targets.Add($"verify latency p50 ≤ 1.5 × L (genuine sessions): {Met(genuine.Percentile(50) <= 1.5 * L)} ({F(genuine.Percentile(50) / Math.Max(L, 1), "0.00")} L; reference {F(reference.Percentile(50) / Math.Max(L, 1), "0.00")} L)");
            targets.Add($"analyzer calls of a passed session ≤ deciding frame + in-flight frames (⌈L·fps⌉ + 1 = {inFlight}): {Met(worstExtra <= inFlight)} (worst: {worstExtra} extra)");
        }
    }

    if (options.Phases.Contains("aws"))
    {
        var counts = await LocalAwsRun.RunAsync(options, report);
        Report.Line($"## Requests per session on the local stack (dynalite + s3rver, {options.LocalAwsSessions} sessions per row)");
        Report.Line();
        Report.Line("| strategy | scenario | frames sent | analyzer calls | DynamoDB reads | DynamoDB writes | S3 requests | by operation (per session) | verify mean ms |");
        Report.Line("|---|---|---:|---:|---:|---:|---:|---|---:|");
        foreach (var c in counts)
        {
            var ops = string.Join(", ", c.DynamoDb.Concat(c.S3).OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {F(kv.Value / (double)c.Sessions, "0.#")}"));
            Report.Line($"| {c.Strategy} | {c.Scenario} | {F(c.FramesSent, "0.#")} | {F(c.AnalyzerCalls, "0.#")} | {F(c.DynamoReads, "0.#")} | {F(c.DynamoWrites, "0.#")} | {F(c.S3Requests, "0.#")} | {ops} | {F(c.VerifyMs, "0")} |");
        }

        Report.Line();
    }
}
catch (HarnessException ex)
{
    report.Fail(ex.Message);
}

if (targets.Count > 0)
{
    Report.Line("## Targets");
    Report.Line();
    foreach (var target in targets)
    {
        Report.Line("- " + target);
    }

    Report.Line();
}

if (report.Failures.Count > 0)
{
    Report.Line($"## FAILED ({report.Failures.Count})");
    Report.Line();
    foreach (var failure in report.Failures.Take(20))
    {
        Report.Line("- " + failure);
    }

    return 1;
}

report.Progress("done: every session ended as its scenario requires");
return 0;

static string Met(bool met) => met ? "met" : "NOT met";

static string Ms(double ms, int latency) => double.IsNaN(ms) ? "–" : $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms ({(latency > 0 ? (ms / latency).ToString("0.00", CultureInfo.InvariantCulture) : "–")} L)";
