using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceVerify.Testing;
using static FaceVerify.LoadTests.Stats;

namespace FaceVerify.LoadTests;

/// <summary>
/// The verdict-equality phase: for each recorded or scripted session (every frame with its analysis), the verdict when
/// every frame is analysed against the sparse strategy's verdict, simulated <see cref="LoadOptions.EqualityTrials"/>
/// times (the sparse strategy draws its sample jitter and audit frames from the CSPRNG, so each trial may look at
/// other frames) with <see cref="AnalysisStrategySimulation"/>: frames arrive at their recorded times, every analysis
/// takes L, the client stops when the server knows the decision, then verify runs as the service runs it.
/// Inputs: the synthetic sequences of FaceVerify.Testing (always), and every <c>*.json</c> under
/// <c>--recordings DIR</c> in the <c>faceverify replay</c> format.
/// </summary>
internal static class VerdictEquality
{
    private static readonly IChallenge Nose = new NoseTargetChallenge();
    private static readonly IChallenge Pose = new PoseChallenge();

    public static IReadOnlyList<EqualityCase> Run(LoadOptions options, Report report)
    {
        var inputs = options.RecordingsOnly ? [] : Synthetic().ToList();
        if (options.RecordingsPath is { } directory)
        {
            var files = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
            foreach (var file in files)
            {
                if (Read(file) is { } recorded)
                {
                    inputs.Add(recorded);
                }
                else
                {
                    report.Progress($"equality: skipped {file} (not a replay recording of a nose or pose session)");
                }
            }

            report.Progress($"equality: {files.Length} file(s) under {directory}");
        }

        report.Progress($"equality: {inputs.Count} cases × {options.EqualityTrials} sparse trials, L = {options.LatencyMs} ms");
        var results = new List<EqualityCase>(inputs.Count);
        foreach (var input in inputs)
        {
            var every = AnalysisStrategySimulation.EveryFrameVerdict(input.Challenge, input.Parameters, input.Width, input.Height, input.Frames);
            var everyRun = AnalysisStrategySimulation.Run(input.Challenge, input.Parameters, input.Width, input.Height, input.Frames, FrameAnalysisStrategy.EveryFrame, options.Latency);
            var disagreements = 0;
            var calls = new List<double>(options.EqualityTrials);
            string? example = null;
            for (var t = 0; t < options.EqualityTrials; t++)
            {
                var sparse = AnalysisStrategySimulation.Run(input.Challenge, input.Parameters, input.Width, input.Height, input.Frames, FrameAnalysisStrategy.Sparse, options.Latency);
                calls.Add(sparse.AnalyzerCalls);

                if (sparse.Passed != every.Passed || sparse.Reason != every.Reason)
                {
                    disagreements++;
                    example ??= $"{(input.Name is { } name ? name + ": " : "")}sparse {sparse.Reason} at {sparse.DecidedAt?.ToString(CultureInfo.InvariantCulture) ?? "–"} (analysed {string.Join(",", sparse.AnalysedFrames)}); every frame decided at {every.DecidedAt?.ToString(CultureInfo.InvariantCulture) ?? "–"}, states {StateEntries(input)}";
                }
            }

            results.Add(new EqualityCase(input.Source, input.Kind, input.Challenge.Type, input.Frames.Count, every.Reason, disagreements, options.EqualityTrials, calls.Average(), calls.Max(), everyRun.AnalyzerCalls, example));
        }

        return results;
    }

    /// <summary>Where each state starts with every frame analysed ("state@frame"), to explain a differing verdict.</summary>
    private static string StateEntries(EqualityInput input)
    {
        var evaluator = input.Challenge.CreateEvaluator(new ChallengeEvaluatorArguments(input.Parameters, input.Width, input.Height, input.Frames.Count > 0 ? input.Frames[0].ReceivedAt : DateTimeOffset.UnixEpoch));
        var entries = new List<string>();
        string? state = null;
        foreach (var frame in input.Frames)
        {
            var before = (evaluator as IChallengeStateDescriber)?.CurrentStateName;
            if (before != state)
            {
                entries.Add($"{before}@{frame.Sequence}");
                state = before;
            }

            if (evaluator.Evaluate(frame).IsDecided)
            {
                break;
            }
        }

        return string.Join(" ", entries);
    }

    public static void Print(IReadOnlyList<EqualityCase> cases, LoadOptions options)
    {
        Report.Line($"## Sparse verdict against every-frame verdict ({cases.Count} cases, {options.EqualityTrials} sparse trials each, L = {options.LatencyMs} ms)");
        Report.Line();
        Report.Line("| source | challenge | kind | cases | every-frame verdicts | cases with a different sparse verdict | trials differing | sparse calls (mean / max) | every-frame calls (mean) |");
        Report.Line("|---|---|---|---:|---|---:|---:|---:|---:|");
        foreach (var group in cases.GroupBy(c => (c.Source, c.Challenge, c.Kind)))
        {
            var verdicts = string.Join(", ", group.GroupBy(c => c.EveryFrameReason).Select(g => $"{Name(g.Key)} ×{g.Count()}"));
            Report.Line($"| {group.Key.Source} | {group.Key.Challenge} | {group.Key.Kind} | {group.Count()} | {verdicts} | {group.Count(c => c.Disagreements > 0)} | {group.Sum(c => c.Disagreements)} / {group.Sum(c => c.Trials)} | {F(group.Average(c => c.SparseCallsMean), "0.0")} / {F(group.Max(c => c.SparseCallsMax), "0")} | {F(group.Average(c => c.EveryFrameCalls), "0.0")} |");
        }

        Report.Line();
        foreach (var c in cases.Where(c => c.Disagreements > 0).Take(20))
        {
            Report.Line($"- {c.Source} {c.Challenge} {c.Kind}: every frame {Name(c.EveryFrameReason)}; {c.Disagreements}/{c.Trials} trials differ, e.g. {c.Example}");
        }

        Report.Line();
    }

    public static JsonArray ToJson(IReadOnlyList<EqualityCase> cases)
        => new([.. cases.GroupBy(c => (c.Source, c.Challenge, c.Kind)).Select(g => (JsonNode?)new JsonObject
        {
            ["source"] = g.Key.Source,
            ["challenge"] = g.Key.Challenge,
            ["kind"] = g.Key.Kind,
            ["cases"] = g.Count(),
            ["casesDiffering"] = g.Count(c => c.Disagreements > 0),
            ["trials"] = g.Sum(c => c.Trials),
            ["trialsDiffering"] = g.Sum(c => c.Disagreements),
            ["sparseCallsMean"] = Math.Round(g.Average(c => c.SparseCallsMean), 2),
            ["sparseCallsMax"] = g.Max(c => c.SparseCallsMax),
            ["everyFrameCallsMean"] = Math.Round(g.Average(c => c.EveryFrameCalls), 2),
        })]);

    private static string Name(ChallengeReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    /// <summary>The synthetic sequences: every kind the Testing package scripts, for several random parameter draws, at 12 fps and at 5 fps.</summary>
    private static IEnumerable<EqualityInput> Synthetic()
    {
        using var random = RandomNumberGenerator.Create();
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var twelve = TimeSpan.FromSeconds(1 / 12.0);
        var five = TimeSpan.FromMilliseconds(200);
        for (var draw = 0; draw < 10; draw++)
        {
            var json = Nose.CreateParameters(new ChallengeParametersArguments(640, 480, random));
            var p = json.Deserialize<NoseChallengeParameters>(web)!;
            foreach (var (interval, frames) in new[] { (twelve, 60), (twelve, 30), (five, 10), (five, 25) })
            {
                var rate = interval == twelve ? "12 fps" : "5 fps";
                yield return Case("nose", $"genuine ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.Genuine(p, frames, interval: interval));
                yield return Case("nose", $"genuine, 25° turn ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.Genuine(p, frames, 25, interval));
                yield return Case("nose", $"rigid photo slid ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.RigidPhoto(p, frames, interval));
                yield return Case("nose", $"turned away ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.TurnedAway(p, frames, 10, interval));
                yield return Case("nose", $"second person ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.SecondPersonAppears(p, frames / 2, frames, interval));
                yield return Case("nose", $"replayed from another session ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.ReplayedFrom(NoseSequences.OtherSession(p), frames, interval));
                yield return Case("nose", $"zig-zag path ({rate})", json, p.ImageWidth, p.ImageHeight, NoseSequences.Zigzag(p, frames, interval));
            }

            yield return Case("nose", "still photo (12 fps)", json, p.ImageWidth, p.ImageHeight, NoseSequences.StaticFace(p, null, twelve));

            var poseJson = Pose.CreateParameters(new ChallengeParametersArguments(640, 480, random));
            var q = poseJson.Deserialize<PoseChallengeParameters>(web)!;
            foreach (var (interval, hold) in new[] { (twelve, 24), (twelve, 12), (five, 5), (five, 10) })
            {
                var rate = interval == twelve ? "12 fps" : "5 fps";
                yield return Case("pose", $"genuine ({rate}, {hold} frames per pose)", poseJson, q.ImageWidth, q.ImageHeight, PoseSequences.Genuine(q, hold, interval));
                yield return Case("pose", $"second person ({rate})", poseJson, q.ImageWidth, q.ImageHeight, PoseSequences.Genuine(q, hold, interval).WithFaceAddedFrom(hold / 2, Face.At(0.02, 0.02, 0.15, 0.2).Build()));
            }

            yield return Case("pose", "neutral photo (12 fps)", poseJson, q.ImageWidth, q.ImageHeight, PoseSequences.NeutralPhoto(q, null, twelve));
        }
    }

    private static EqualityInput Case(string challenge, string kind, JsonElement parameters, int width, int height, FrameSequence frames)
        => new("synthetic", kind, challenge == "nose" ? Nose : Pose, parameters, width, height, frames.ToAnalyzedFrames(DateTimeOffset.UnixEpoch));

    /// <summary>Reads a <c>faceverify replay</c> file: <c>{"challengeType","parameters","frames":[{"timestampMs","faceDetails"}]}</c>.</summary>
    private static EqualityInput? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var type = root.GetProperty("challengeType").GetString();
            var challenge = string.Equals(type, "nose", StringComparison.OrdinalIgnoreCase) ? Nose : string.Equals(type, "pose", StringComparison.OrdinalIgnoreCase) ? Pose : null;
            if (challenge is null)
            {
                return null;
            }

            var parameters = root.GetProperty("parameters").Clone();
            var frames = new List<AnalyzedFrame>();
            foreach (var frame in root.GetProperty("frames").EnumerateArray())
            {
                var at = DateTimeOffset.UnixEpoch.AddMilliseconds(frame.GetProperty("timestampMs").GetInt64());
                frames.Add(new AnalyzedFrame(frames.Count, at, FaceDetailsJson.ReadArray(frame.GetProperty("faceDetails"))));
            }

            var kind = root.TryGetProperty("corpus", out var corpus) && corpus.ValueKind == JsonValueKind.Object && corpus.TryGetProperty("class", out var c) && c.ValueKind == JsonValueKind.String
                ? c.GetString()!
                : Path.GetFileNameWithoutExtension(path).Split('-')[0];
            return new EqualityInput("recorded", kind, challenge, parameters, parameters.GetProperty("imageWidth").GetInt32(), parameters.GetProperty("imageHeight").GetInt32(), frames) { Name = Path.GetFileName(path) };
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return null;
        }
    }

    private sealed record EqualityInput(string Source, string Kind, IChallenge Challenge, JsonElement Parameters, int Width, int Height, IReadOnlyList<AnalyzedFrame> Frames)
    {
        /// <summary>The recording's file name (recorded cases), to find a differing case again.</summary>
        public string? Name { get; init; }
    }
}

/// <summary>One case of the verdict-equality phase.</summary>
internal sealed record EqualityCase(string Source, string Kind, string Challenge, int Frames, ChallengeReason EveryFrameReason, int Disagreements, int Trials, double SparseCallsMean, double SparseCallsMax, int EveryFrameCalls, string? Example);
