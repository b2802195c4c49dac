using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceVerify;
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
const double DetectFacesPrice = 0.001;   // USD per image, Rekognition Image DetectFaces, first price tier
const double FaceLivenessPrice = 0.015;  // USD per check, Amazon Rekognition Face Liveness (published price)
const string EveryFrameName = "FaceVerify every-frame";
var L = options.LatencyMs;
Report.Line($"# FaceVerify load run{(options.Smoke ? " (smoke)" : string.Empty)}");
Report.Line();
Report.Line($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}; " +
    $"analyzer latency L = {L} ms; MaxConcurrentAnalyses = {options.AnalysisConcurrency}; frames {options.FrameBytes} B, 480×480.");
Report.Line();

var targets = new List<string>();
var json = new JsonObject();
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
        json["memory"] = new JsonObject
        {
            ["sessions"] = memory.Sessions,
            ["framesPerSession"] = memory.FramesPerSession,
            ["frameBytes"] = memory.FrameBytes,
            ["bytesPerSessionWithoutFrames"] = Round(memory.BytesPerSessionWithoutFrames),
            ["bytesPerSessionWithFrames"] = Round(memory.BytesPerSessionWithFrames),
        };
    }

    if (options.Phases.Contains("submit"))
    {
        var submit = await SubmitCost.RunAsync(options, report);
        Report.Line($"## Server cost of one frame without HTTP (in-process, one caller, analyzer answering at once)");
        Report.Line();
        Report.Line($"{submit.Frames} frames of {options.FrameBytes} B: {F(submit.WallMicroseconds, "0")} µs wall and {F(submit.CpuMicroseconds, "0")} µs CPU per frame (submit + background analysis).");
        json["submit"] = new JsonObject { ["frames"] = submit.Frames, ["wallMicrosecondsPerFrame"] = Round(submit.WallMicroseconds), ["cpuMicrosecondsPerFrame"] = Round(submit.CpuMicroseconds) };
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
            var uploadJson = new JsonArray();
            json["upload"] = uploadJson;
            foreach (var u in uploads)
            {
                var baseline = uploads.First(b => b.Baseline && b.Json == u.Json);
                var ratio = baseline.RequestsPerSecond > 0 ? u.RequestsPerSecond / baseline.RequestsPerSecond : double.NaN;
                uploadJson.Add(new JsonObject
                {
                    ["mode"] = u.Mode,
                    ["json"] = u.Json,
                    ["baseline"] = u.Baseline,
                    ["requests"] = u.Requests,
                    ["requestsPerSecond"] = Round(u.RequestsPerSecond),
                    ["p50Ms"] = Round(u.P50),
                    ["p99Ms"] = Round(u.P99),
                    ["ratioToBaseline"] = Round(ratio),
                    ["cpuMicrosecondsPerRequest"] = Round(u.CpuMicrosecondsPerRequest),
                    ["errors"] = u.Errors,
                });
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
        var runs = new List<SessionRun>();
        {
            await using var host = await LoadHost.StartAsync(options, f => f.Services.Configure<FaceVerificationOptions>(o => o.AnalysisStrategy = FrameAnalysisStrategy.Sparse));
            report.Progress($"verify host listening on {host.BaseAddress} (analysis strategy: sparse, set explicitly)");
            runs.AddRange(await VerifyLatency.RunAsync(host, options, report));
        }

        if (!options.NoEveryFrame)
        {
            await using var host = await LoadHost.StartAsync(options, f => f.Services.Configure<FaceVerificationOptions>(o => o.AnalysisStrategy = FrameAnalysisStrategy.EveryFrame));
            report.Progress($"verify host listening on {host.BaseAddress} (analysis strategy: every frame)");
            runs.AddRange(await VerifyLatency.RunAsync(host, options, report, [(EveryFrameName, "/faceverify")], sparse: false));
        }

        Report.Line($"## Verify latency, analyzer calls and cost ({options.Frames}-frame sessions at {options.Fps:0.#} fps, {options.Users} concurrent users, L = {L} ms)");
        Report.Line();
        Report.Line($"Verify latency: from the last frame's response to verify's response. Cost: analyzer calls × ${DetectFacesPrice:0.000} (Rekognition DetectFaces, first price tier); Amazon Rekognition Face Liveness lists ${FaceLivenessPrice:0.000} per check.");
        Report.Line();
        Report.Line("| strategy | challenge | scenario | sessions | outcomes as expected | verify p50 | verify p90 | verify max | frames sent | analyzer calls (mean / max) | $ per check | decided at frame (mean) | frame PUT p50 ms |");
        Report.Line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var verifyJson = new JsonArray();
        json["verify"] = verifyJson;
        foreach (var group in runs.GroupBy(r => (r.Strategy, r.Scenario.Challenge, r.Scenario.Name)))
        {
            var latency = new Stats(group.Select(r => r.VerifyLatency.TotalMilliseconds));
            var uploads = new Stats(group.SelectMany(r => r.UploadLatencies));
            var callsMean = group.Average(r => r.AnalyzerCalls);
            var decided = group.Where(r => r.DecidedAt is not null).Select(r => (double)r.DecidedAt!.Value).DefaultIfEmpty(double.NaN).Average();
            Report.Line($"| {group.Key.Strategy} | {group.Key.Challenge} | {group.Key.Name} | {group.Count()} | {group.Count(r => r.Problem is null)} | {Ms(latency.Percentile(50), L)} | {Ms(latency.Percentile(90), L)} | {Ms(latency.Max, L)} | {F(group.Average(r => r.FramesSent), "0.#")} | {F(callsMean, "0.#")} / {group.Max(r => r.AnalyzerCalls)} | {F(callsMean * DetectFacesPrice, "0.0000")} | {F(decided, "0.#")} | {F(uploads.Percentile(50), "0.0")} |");
            verifyJson.Add(new JsonObject
            {
                ["strategy"] = group.Key.Strategy,
                ["challenge"] = group.Key.Challenge,
                ["scenario"] = group.Key.Name,
                ["sessions"] = group.Count(),
                ["asExpected"] = group.Count(r => r.Problem is null),
                ["analyzerCallsMean"] = Round(callsMean),
                ["analyzerCallsMax"] = group.Max(r => r.AnalyzerCalls),
                ["costPerCheckUsd"] = Round(callsMean * DetectFacesPrice, 5),
                ["verifyP50Ms"] = Round(latency.Percentile(50)),
                ["verifyP90Ms"] = Round(latency.Percentile(90)),
                ["verifyMaxMs"] = Round(latency.Max),
                ["latencyMs"] = L,
                ["framesSentMean"] = Round(group.Average(r => r.FramesSent)),
                ["decidedAtMean"] = Round(decided),
                ["framePutP50Ms"] = Round(uploads.Percentile(50)),
            });
        }

        Report.Line();
        Report.Line("### Cost per genuine check");
        Report.Line();
        Report.Line("| challenge | FaceVerify (sparse) | FaceVerify (every frame) | reference strategy | Amazon Rekognition Face Liveness |");
        Report.Line("|---|---:|---:|---:|---:|");
        var costJson = new JsonArray();
        json["cost"] = costJson;
        foreach (var challenge in runs.Select(r => r.Scenario.Challenge).Distinct())
        {
            string Cost(string strategy)
            {
                var genuine = runs.Where(r => r.Strategy == strategy && r.Scenario.Challenge == challenge && r.Scenario.Name == "genuine").ToArray();
                return genuine.Length == 0 ? "–" : $"${F(genuine.Average(r => r.AnalyzerCalls) * DetectFacesPrice, "0.0000")} ({F(genuine.Average(r => r.AnalyzerCalls), "0.#")} calls)";
            }

            Report.Line($"| {challenge} | {Cost("FaceVerify")} | {Cost(EveryFrameName)} | {Cost("reference")} | ${FaceLivenessPrice:0.000} |");
            var entry = new JsonObject { ["challenge"] = challenge, ["faceLivenessUsd"] = FaceLivenessPrice };
            foreach (var strategy in new[] { "FaceVerify", EveryFrameName, "reference" })
            {
                var genuine = runs.Where(r => r.Strategy == strategy && r.Scenario.Challenge == challenge && r.Scenario.Name == "genuine").ToArray();
                entry[strategy] = genuine.Length == 0 ? null : Round(genuine.Average(r => r.AnalyzerCalls) * DetectFacesPrice, 5);
            }

            costJson.Add(entry);
        }

        Report.Line();
        foreach (var challenge in runs.Select(r => r.Scenario.Challenge).Distinct())
        {
            var genuine = runs.Where(r => r.Strategy == "FaceVerify" && r.Scenario.Challenge == challenge && r.Scenario.Name.StartsWith("genuine", StringComparison.Ordinal)).ToArray();
            if (genuine.Length > 0)
            {
                var mean = genuine.Average(r => r.AnalyzerCalls);
                var max = genuine.Max(r => r.AnalyzerCalls);
                targets.Add($"genuine {challenge} sessions: mean analyzer calls ≤ 6 and max ≤ 10: {Met(mean <= 6 && max <= 10)} (mean {F(mean, "0.0")}, max {max})");
            }
        }

        var sparseGenuine = new Stats(runs.Where(r => r.Strategy == "FaceVerify" && r.Scenario.Name == "genuine").Select(r => r.VerifyLatency.TotalMilliseconds));
        var reference = new Stats(runs.Where(r => r.Strategy == "reference" && r.Scenario.Name == "genuine").Select(r => r.VerifyLatency.TotalMilliseconds));
        targets.Add($"verify latency p50 ≤ 1.5 × L (genuine sessions, both challenges): {Met(sparseGenuine.Percentile(50) <= 1.5 * L)} ({F(sparseGenuine.Percentile(50) / Math.Max(L, 1), "0.00")} L; reference {F(reference.Percentile(50) / Math.Max(L, 1), "0.00")} L)");
    }

    if (options.Phases.Contains("equality"))
    {
        var equality = VerdictEquality.Run(options, report);
        VerdictEquality.Print(equality, options);
        json["equality"] = VerdictEquality.ToJson(equality);
        var cases = equality.Count;
        var differing = equality.Count(e => e.Disagreements > 0);
        targets.Add($"sparse verdict equals the every-frame verdict in ≥ 99 % of cases (every trial): {Met(cases > 0 && differing <= cases / 100.0)} ({differing} of {cases} cases differ in at least one of {options.EqualityTrials} trials)");
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

json["targets"] = new JsonArray([.. targets.Select(t => (JsonNode?)JsonValue.Create(t))]);
json["failures"] = new JsonArray([.. report.Failures.Select(t => (JsonNode?)JsonValue.Create(t))]);
if (options.JsonPath is { } jsonPath)
{
    await File.WriteAllTextAsync(jsonPath, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    report.Progress($"tables written as JSON to {jsonPath}");
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

static double? Round(double value, int digits = 2) => double.IsNaN(value) || double.IsInfinity(value) ? null : Math.Round(value, digits);

static string Met(bool met) => met ? "met" : "NOT met";

static string Ms(double ms, int latency) => double.IsNaN(ms) ? "–" : $"{ms.ToString("0", CultureInfo.InvariantCulture)} ms ({(latency > 0 ? (ms / latency).ToString("0.00", CultureInfo.InvariantCulture) : "–")} L)";
