namespace FaceVerify.WebComponent.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string TestProject => Path.Combine(Root, "tests", "FaceVerify.WebComponent.Tests");

    /// <summary>axe-core's browser build, from this test project's npm install (test.sh runs <c>npm ci</c> here).</summary>
    public static string AxeScript => Path.Combine(TestProject, "node_modules", "axe-core", "axe.min.js");

    public static string DocsImages => Path.Combine(Root, "docs", "images");

    /// <summary>Whether screenshots also replace the images in docs/images: only when <c>FACEVERIFY_UPDATE_DOCS_IMAGES=1</c>.</summary>
    public static bool UpdateDocsImages => Environment.GetEnvironmentVariable("FACEVERIFY_UPDATE_DOCS_IMAGES") == "1";

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
