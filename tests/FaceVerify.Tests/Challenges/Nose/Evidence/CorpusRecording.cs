using System.Text.Json;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// One recording of the liveness corpus (tools/local-aws/corpus, docs/liveness-evidence.md): a nose session rendered
/// from a real face photo and analysed by the local engine, in the replay format, with its class and ground truth.
/// </summary>
internal sealed class CorpusRecording
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private CorpusRecording(string name, string kind, int seed, int width, int height, double turn, double[] truthYaw, JsonElement parameters, IReadOnlyList<AnalyzedFrame> frames)
    {
        Name = name;
        Kind = kind;
        Seed = seed;
        Width = width;
        Height = height;
        Turn = turn;
        TruthYaw = truthYaw;
        Parameters = parameters;
        Frames = frames;
    }

    public string Name { get; }

    /// <summary>The class: genuine, still, slide, tilt, cylinder, bump, bend, screen, subst1, substN, second.</summary>
    public string Kind { get; }

    public int Seed { get; }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The planned head turn (degrees) of a genuine session or the turn of a print.</summary>
    public double Turn { get; }

    /// <summary>The rendered yaw of each frame (degrees).</summary>
    public IReadOnlyList<double> TruthYaw { get; }

    public JsonElement Parameters { get; }

    public IReadOnlyList<AnalyzedFrame> Frames { get; }

    public string FrameSize => $"{Width}x{Height}";

    public static CorpusRecording Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        var frames = new List<AnalyzedFrame>();
        foreach (var frame in root.GetProperty("frames").EnumerateArray())
        {
            var faces = FaceDetailsJson.ReadArray(frame.GetProperty("faceDetails"));
            frames.Add(new AnalyzedFrame(frames.Count, Epoch.AddMilliseconds(frame.GetProperty("timestampMs").GetInt64()), faces));
        }

        var corpus = root.GetProperty("corpus");
        var truth = corpus.GetProperty("truth").EnumerateArray().Select(t => t.GetProperty("yaw").GetDouble()).ToArray();
        return new CorpusRecording(
            Path.GetFileNameWithoutExtension(path),
            corpus.GetProperty("class").GetString()!,
            corpus.GetProperty("seed").GetInt32(),
            corpus.GetProperty("width").GetInt32(),
            corpus.GetProperty("height").GetInt32(),
            corpus.GetProperty("turn").GetDouble(),
            truth,
            root.GetProperty("parameters").Clone(),
            frames);
    }

    public static IReadOnlyList<CorpusRecording> LoadFolder(string folder)
        => [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load)];

    /// <summary>Replays the recording through a nose challenge: the verdict and what the nose state saw.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="parameters">Another session's parameters (a replay against a fresh target); by default the recorded ones.</param>
    public CorpusRun Run(NoseTargetChallenge challenge, JsonElement? parameters = null)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(parameters ?? Parameters, Width, Height, Epoch));
        ChallengeVerdict verdict = default;
        int? decidedAt = null;
        foreach (var frame in Frames)
        {
            verdict = evaluator.Evaluate(frame);
            if (verdict.IsDecided)
            {
                decidedAt = frame.Sequence;
                break;
            }
        }

        var progress = ((StateMachineEvaluator<NoseChallengeParameters, NoseProgress>)evaluator).Scratch;
        var count = progress.TrajectoryCount;
        var faces = progress.TrajectoryFaces.Take(count).ToArray();
        return new CorpusRun(this, decidedAt is null ? ChallengeVerdict.Fail(ChallengeReason.ChallengeNotCompleted, "frames ended") : verdict, decidedAt, faces, progress);
    }
}

/// <summary>The replay of one recording: its verdict, the deciding frame, and the nose-state faces up to it.</summary>
internal sealed record CorpusRun(CorpusRecording Recording, ChallengeVerdict Verdict, int? DecidedAt, IReadOnlyList<FaceDetails> NoseFaces, NoseProgress Progress)
{
    public bool Passed => Verdict.Kind == VerdictKind.Passed;

    /// <summary>The rendered head yaw (absolute, degrees) at the deciding frame.</summary>
    public double? DecisionYaw => DecidedAt is { } d ? Math.Abs(Recording.TruthYaw[d]) : null;

    /// <summary>The verdict's reason, with the flat-object check told apart from the histogram rule.</summary>
    public string ReasonLabel => Verdict.Kind == VerdictKind.Passed
        ? "passed"
        : Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement && Verdict.Detail is { } detail && detail.Contains("flat", StringComparison.Ordinal)
            ? "flatObject"
            : Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement && Verdict.Detail is { } d2 && d2.Contains("planar", StringComparison.Ordinal)
                ? "planarMotion"
                : Verdict.Reason.ToString();

    /// <summary>The face-depth parallax ratio from the first nose-state face to the deciding one (NaN when the nose state had fewer than two faces).</summary>
    public double Parallax => NoseFaces.Count < 2 ? double.NaN : FlatObjectCheck.Statistic(NoseFaces, Progress.Width, Progress.Height);

    /// <summary>The homography residual ratio (the previous planar check's statistic) from the first nose-state face to the deciding one.</summary>
    public double PlanarResidual
    {
        get
        {
            if (NoseFaces.Count < 2)
            {
                return double.NaN;
            }

            var last = NoseFaces[^1];
            var size = Math.Sqrt(last.BoundingBox.Width * Progress.Width * last.BoundingBox.Height * Progress.Height);
            return PlanarMotionFit.ResidualRatio(NoseFaces[0].Landmarks, last.Landmarks, Progress.Width, Progress.Height, size);
        }
    }
}
