using System.Text.Json;
using FaceVerify.Cli;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Challenges;

/// <summary>A recorded replay file under TestData/Challenges, read by the CLI's <see cref="ReplayFile"/> (the one reader of the format).</summary>
internal sealed class ReplayFixture
{
    private readonly ReplayFile _file;

    private ReplayFixture(ReplayFile file) => _file = file;

    public string ChallengeType => _file.ChallengeType;

    public JsonElement Parameters => _file.Parameters;

    public IReadOnlyList<AnalyzedFrame> Frames => _file.Frames;

    public int Width => _file.FrameSize().Width;

    public int Height => _file.FrameSize().Height;

    public static string PathOf(string relative) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Challenges", relative);

    public static ReplayFixture Load(string relative) => new(ReplayFile.Load(PathOf(relative)));

    public IChallengeEvaluator CreateEvaluator(IChallenge challenge)
        => challenge.CreateEvaluator(_file.EvaluatorArguments());

    /// <summary>Feeds every frame until one decides (with FaceVerify.Testing's harness); returns the verdicts given, one per frame fed.</summary>
    public Replay Run(IChallenge challenge)
    {
        var run = ChallengeHarness.Run(challenge, _file.EvaluatorArguments(), Frames);
        return new Replay(run.Verdict, run.DecidedAtFrame, [.. run.Trace.Select(d => d.Verdict)]);
    }
}

/// <summary>The result of replaying a fixture.</summary>
internal sealed record Replay(ChallengeVerdict Verdict, int? DecidedAtFrame, IReadOnlyList<ChallengeVerdict> Verdicts);
