using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Challenges;

/// <summary>A recorded replay file under TestData/Challenges: parameters and Rekognition FaceDetail frames, parsed by <see cref="FaceDetailsJson"/>.</summary>
internal sealed class ReplayFixture
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ReplayFixture(string challengeType, JsonElement parameters, IReadOnlyList<AnalyzedFrame> frames)
    {
        ChallengeType = challengeType;
        Parameters = parameters;
        Frames = frames;
    }

    public string ChallengeType { get; }

    public JsonElement Parameters { get; }

    public IReadOnlyList<AnalyzedFrame> Frames { get; }

    public int Width => Parameters.GetProperty("imageWidth").GetInt32();

    public int Height => Parameters.GetProperty("imageHeight").GetInt32();

    public static string PathOf(string relative) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Challenges", relative);

    public static ReplayFixture Load(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(relative)));
        var root = document.RootElement;
        var frames = new List<AnalyzedFrame>();
        foreach (var frame in root.GetProperty("frames").EnumerateArray())
        {
            var faces = FaceDetailsJson.ReadArray(frame.GetProperty("faceDetails"));
            frames.Add(new AnalyzedFrame(frames.Count, Epoch.AddMilliseconds(frame.GetProperty("timestampMs").GetInt64()), faces));
        }

        return new ReplayFixture(root.GetProperty("challengeType").GetString()!, root.GetProperty("parameters").Clone(), frames);
    }

    public IChallengeEvaluator CreateEvaluator(IChallenge challenge)
        => challenge.CreateEvaluator(new ChallengeEvaluatorArguments(Parameters, Width, Height, Epoch));

    /// <summary>Feeds every frame until one decides (with FaceVerify.Testing's harness); returns the verdicts given, one per frame fed.</summary>
    public Replay Run(IChallenge challenge)
    {
        var run = ChallengeHarness.Run(challenge, new ChallengeEvaluatorArguments(Parameters, Width, Height, Epoch), Frames);
        return new Replay(run.Verdict, run.DecidedAtFrame, [.. run.Trace.Select(d => d.Verdict)]);
    }
}

/// <summary>The result of replaying a fixture.</summary>
internal sealed record Replay(ChallengeVerdict Verdict, int? DecidedAtFrame, IReadOnlyList<ChallengeVerdict> Verdicts);
