namespace FaceVerify.Cli.Tests;

public class CommandLineTests
{
    private static (int ExitCode, string Output, string Error) Run(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = CommandLine.Run(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Test]
    public void Run_ReplayFile_ReadsTheFile()
    {
        var file = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Challenges", "pose", "open-closed-neutral.json");

        var (exit, output, _) = Run(string.Empty, "replay", file);

        exit.Should().Be(0);
        output.Should().Contain("\"outcome\":\"passed\"");
    }

    [Test]
    public void Run_ReplayDash_ReadsStandardInput()
    {
        var json = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Challenges", "pose", "two-faces.json"));

        var (exit, output, _) = Run(json, "replay", "-");

        exit.Should().Be(1);
        output.Should().Contain("\"reason\":\"multipleFaces\"");
    }

    [Test]
    public void Run_MissingFile_ExitsTwo()
    {
        var (exit, _, error) = Run(string.Empty, "replay", "/nonexistent/replay.json");

        exit.Should().Be(2);
        error.Should().Contain("cannot read");
    }

    [TestCase]
    [TestCase("replay")]
    [TestCase("verify", "x.json")]
    [TestCase("replay", "a.json", "b.json")]
    public void Run_BadArguments_PrintsUsageAndExitsTwo(params string[] args)
    {
        var (exit, _, error) = Run(string.Empty, args);

        exit.Should().Be(2);
        error.Should().Contain("Usage:");
    }

    [Test]
    public void Run_Help_PrintsUsageAndExitsZero()
    {
        var (exit, output, _) = Run(string.Empty, "--help");

        exit.Should().Be(0);
        output.Should().Contain("faceverify replay FILE");
    }
}
