namespace FaceVerify.Docs.Tests;

/// <summary>
/// The README's quick start compiles (it is compiled into this assembly from README.md before every build: a wrong
/// name in it fails the build, pointing at the README line), and what was compiled is the README's current block.
/// </summary>
public class ReadmeQuickStartTests
{
    [Test]
    public void QuickStart_CompiledBlock_IsTheReadmesCurrentBlock()
    {
        var readme = File.ReadAllLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "README.md"));
        var heading = Array.FindIndex(readme, l => l.Trim() == "## Quick start");
        var open = Array.FindIndex(readme, heading, l => l.Trim() == "```csharp");
        var close = Array.FindIndex(readme, open + 1, l => l.Trim() == "```");

        var block = string.Concat(readme[(open + 1)..close].Select(l => l + "\n"));

        heading.Should().BeGreaterThanOrEqualTo(0, "the README has a quick start");
        ReadmeQuickStart.Source.Should().Be(block.TrimEnd('\n'), "a raw string literal drops the final line break");
    }

    [Test]
    public void QuickStart_UsesTheCurrentOutcomeVocabulary()
    {
        ReadmeQuickStart.Source.Should().Contain("new SessionAccess(").And.Contain("result.Succeeded").And.NotContain("result.Passed");
    }
}
