namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The flat/bent-object candidates and the histogram-rule investigation of docs/liveness-evidence.md. Explicit: they
/// need the generated corpus, read from <c>FACEVERIFY_LIVENESS_CORPUS</c> or <c>artifacts/corpus</c> at the repository
/// root; each writes its tables to <c>artifacts/</c> and prints them.
/// </summary>
[Explicit("Needs the generated corpus; run: dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~LivenessDiscriminatorEvidenceTests")]
public sealed class LivenessDiscriminatorEvidenceTests
{
    [Test]
    public void Report_FlatObjectCandidates() => Write("flat-object-candidates.md", FlatObjectCandidatesReport.Build(Load()));

    [Test]
    public void Report_HistogramRule() => Write("histogram-rule.md", HistogramRuleInvestigation.Build(Load()));

    private static IReadOnlyList<CorpusRecording> Load()
    {
        var folder = Environment.GetEnvironmentVariable("FACEVERIFY_LIVENESS_CORPUS") ?? Path.Combine(RepositoryRoot(), "artifacts", "corpus");
        Directory.Exists(folder).Should().BeTrue($"the corpus recordings are expected in {folder}");
        var recordings = CorpusRecording.LoadFolder(folder);
        recordings.Should().NotBeEmpty();
        return recordings;
    }

    private static void Write(string name, string report)
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
