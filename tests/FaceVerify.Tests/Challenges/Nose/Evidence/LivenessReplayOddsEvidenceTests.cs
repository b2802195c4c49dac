namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The replay odds of docs/liveness-evidence.md ("What none of this stops"): every genuine recording of the corpus
/// replayed against fresh nose targets. Explicit: it needs the generated corpus, read from
/// <c>FACEVERIFY_LIVENESS_CORPUS</c> or <c>artifacts/corpus</c> at the repository root; it writes
/// <c>artifacts/replay-odds-&lt;corpus folder&gt;.md</c> and prints it.
/// </summary>
[Explicit("Needs the generated corpus; run: dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~LivenessReplayOddsEvidenceTests")]
public sealed class LivenessReplayOddsEvidenceTests
{
    private const int Targets = 200;
    private const int Seed = 14;

    [Test]
    public void Report_ReplayOdds()
    {
        var root = RepositoryRoot();
        var folder = Environment.GetEnvironmentVariable("FACEVERIFY_LIVENESS_CORPUS") ?? Path.Combine(root, "artifacts", "corpus");
        Directory.Exists(folder).Should().BeTrue($"the corpus recordings are expected in {folder}");
        var name = new DirectoryInfo(folder).Name;
        var odds = ReplayOdds.Measure(CorpusRecording.LoadFolder(folder), Targets, Seed);
        odds.Should().NotBeEmpty();
        var report = ReplayOdds.Build(name, odds, Targets, Seed);
        Directory.CreateDirectory(Path.Combine(root, "artifacts"));
        File.WriteAllText(Path.Combine(root, "artifacts", $"replay-odds-{name}.md"), report);
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
