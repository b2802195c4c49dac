namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The full liveness corpus report (docs/liveness-evidence.md). Explicit: it needs the recordings that
/// <c>node tools/local-aws/bin/corpus.js --out artifacts/corpus</c> writes (minutes of engine time), read from
/// <c>FACEVERIFY_LIVENESS_CORPUS</c> or <c>artifacts/corpus</c> at the repository root. It prints the tables and writes
/// them to <c>artifacts/liveness-evidence.md</c>.
/// </summary>
[Explicit("Needs the generated corpus; run: dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~LivenessCorpusEvidenceTests")]
public sealed class LivenessCorpusEvidenceTests
{
    [Test]
    public void Report_FullCorpus()
    {
        var folder = Environment.GetEnvironmentVariable("FACEVERIFY_LIVENESS_CORPUS") ?? Path.Combine(RepositoryRoot(), "artifacts", "corpus");
        Directory.Exists(folder).Should().BeTrue($"the corpus recordings are expected in {folder}");
        var recordings = CorpusRecording.LoadFolder(folder);
        recordings.Should().NotBeEmpty();
        var report = LivenessEvidenceReport.Build(recordings, new NoseChallengeOptions());
        File.WriteAllText(Path.Combine(RepositoryRoot(), "artifacts", "liveness-evidence.md"), report);
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
