using System.Text.Json;

namespace FaceVerify.Cli.Tests;

public class ReplayCommandTests
{
    private static string PathOf(string relative) => Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", relative);

    private static (int ExitCode, string Output, string Error) Replay(string relative)
    {
        using var input = new StringReader(File.ReadAllText(PathOf(relative)));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = ReplayCommand.Run(input, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void Run_PassingNoseSession_PrintsPassedAndExitsZero()
    {
        var (exit, output, error) = Replay("Challenges/nose/yaw-towards-target.json");

        exit.Should().Be(0);
        output.Trim().Should().Be("""{"outcome":"passed","reason":"passed","decidedAtFrame":7}""");
        error.Should().BeEmpty();
    }

    [Test]
    public void Run_FailingNoseSession_PrintsReasonAndDetailAndExitsOne()
    {
        var (exit, output, _) = Replay("Challenges/nose/timeout-10003ms.json");

        exit.Should().Be(1);
        output.Trim().Should().Be("""{"outcome":"failed","reason":"stateTimeout","decidedAtFrame":7,"detail":"State 'nose' was not completed within 10 s."}""");
    }

    [Test]
    public void Run_PassingPoseSequence_PrintsPassed()
    {
        var (exit, output, _) = Replay("Challenges/pose/sequence-in-order.json");

        exit.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("decidedAtFrame").GetInt32().Should().Be(3);
    }

    [Test]
    public void Run_UndecidedSession_PrintsChallengeNotCompletedWithNullFrame()
    {
        var (exit, output, _) = Replay("Challenges/pose/zero-faces.json");

        exit.Should().Be(1);
        output.Trim().Should().Be("""{"outcome":"failed","reason":"challengeNotCompleted","decidedAtFrame":null}""");
    }

    [Test]
    public void Run_FrameWithNullFaceDetails_IsNotJudgedButKeepsItsNumber()
    {
        // A sparse session's recording: frame 3 was not analysed, and a later frame (4) shows the same as frame 3 did.
        var recording = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(PathOf("Challenges/pose/sequence-in-order.json")))!;
        var frames = recording["frames"]!.AsArray();
        var deciding = frames[3]!.DeepClone();
        deciding["timestampMs"] = 1600;
        frames[3]!["faceDetails"] = null;
        frames.Add(deciding);
        using var input = new StringReader(recording.ToJsonString());
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = ReplayCommand.Run(input, output, error);

        exit.Should().Be(0, error.ToString());
        JsonDocument.Parse(output.ToString()).RootElement.GetProperty("decidedAtFrame").GetInt32().Should().Be(4);
    }

    [TestCase("bad-json.json", "not valid JSON")]
    [TestCase("unknown-type.json", "unknown challenge type \"custom\"")]
    [TestCase("missing-frames.json", "missing \"frames\"")]
    [TestCase("missing-nose-fields.json", "invalid nose parameters")]
    [TestCase("reference-pose-shape.json", "invalid pose parameters")]
    [TestCase("timestamps-backwards.json", "receive order")]
    [TestCase("bad-face-details.json", "frame 0 has invalid \"faceDetails\"")]
    public void Run_InvalidInput_ExplainsOnStandardErrorAndExitsTwo(string file, string message)
    {
        var (exit, output, error) = Replay(file);

        exit.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().StartWith("faceverify: invalid input: ").And.Contain(message);
    }

    [Test]
    public void Run_EveryChallengeFixture_MatchesTheLibraryVerdict()
    {
        foreach (var file in Directory.EnumerateFiles(PathOf("Challenges"), "*.json", SearchOption.AllDirectories))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            using var input = new StringReader(File.ReadAllText(file));
            using var output = new StringWriter();
            var exit = ReplayCommand.Run(input, output, TextWriter.Null);

            exit.Should().BeOneOf([0, 1], file);
            var outcome = JsonDocument.Parse(output.ToString()).RootElement.GetProperty("outcome").GetString();
            outcome.Should().Be(exit == 0 ? "passed" : "failed", file);
        }
    }
}
