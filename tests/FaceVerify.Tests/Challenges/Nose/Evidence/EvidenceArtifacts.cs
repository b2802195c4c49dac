namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// Where the explicit evidence reports read the generated corpus and write their tables: the corpus folder is
/// <c>FACEVERIFY_LIVENESS_CORPUS</c> or <c>artifacts/corpus</c> at the repository root; reports go to <c>artifacts/</c>.
/// </summary>
internal static class EvidenceArtifacts
{
    /// <summary>The corpus folder (asserted to exist).</summary>
    public static string CorpusFolder()
    {
        var folder = Environment.GetEnvironmentVariable("FACEVERIFY_LIVENESS_CORPUS") ?? Path.Combine(RepositoryRoot(), "artifacts", "corpus");
        Directory.Exists(folder).Should().BeTrue($"the corpus recordings are expected in {folder}");
        return folder;
    }

    /// <summary>Every recording of the corpus folder (asserted not empty).</summary>
    public static IReadOnlyList<CorpusRecording> LoadCorpus()
    {
        var recordings = CorpusRecording.LoadFolder(CorpusFolder());
        recordings.Should().NotBeEmpty();
        return recordings;
    }

    /// <summary>Writes a report to <c>artifacts/{name}</c> and prints it.</summary>
    public static void Write(string name, string report)
    {
        var folder = Path.Combine(RepositoryRoot(), "artifacts");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name), report);
        TestContext.Out.WriteLine(report);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FaceVerify.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("FaceVerify.sln not found above the test directory.");
    }
}
