using System.Reflection;

namespace FaceVerify.Testing.Tests;

/// <summary>
/// FaceVerify.Testing is usable from NUnit, xUnit and MSTest alike: its assembly references no test framework (the
/// NUnit contract fixtures live in FaceVerify.Testing.NUnit), so a test project never pulls in a second framework.
/// </summary>
public class TestFrameworkIndependenceTests
{
    private static readonly string[] TestFrameworks = ["nunit", "xunit", "mstest", "Microsoft.VisualStudio.TestPlatform"];

    [Test]
    public void FaceVerifyTesting_ReferencesNoTestFramework()
    {
        var references = typeof(ScriptedFaceAnalyzer).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        references.Should().Contain("FaceVerify", "the check sees the real reference list")
            .And.NotContain(name => TestFrameworks.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Test]
    public void ContractFixtures_LiveInTheNUnitPackage()
    {
        var nunitPackage = typeof(AttemptStoreContractTests).Assembly;

        nunitPackage.GetName().Name.Should().Be("FaceVerify.Testing.NUnit");
        typeof(FrameStoreContractTests).Assembly.Should().BeSameAs(nunitPackage);
        nunitPackage.GetReferencedAssemblies().Select(a => a.Name).Should().Contain("nunit.framework");
        typeof(ScriptedFaceAnalyzer).Assembly.GetExportedTypes().Should().NotContain(t => t.Name.EndsWith("ContractTests", StringComparison.Ordinal));
    }
}
