namespace FaceVerify.SampleHost.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SampleHostDirectory => Path.Combine(Root, "samples", "FaceVerify.SampleHost");

    public static string LocalAws => Path.Combine(Root, "tools", "local-aws");

    /// <summary>The configuration the tests were built with (Debug or Release), so the host's matching build is used.</summary>
    public static string Configuration { get; } = TestContext.CurrentContext.TestDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FaceVerify.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FaceVerify.sln was not found above the test directory.");
    }
}
