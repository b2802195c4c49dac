namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The seeded target sweep of docs/liveness-evidence.md. Explicit: it needs the recordings that
/// <c>node tools/local-aws/bin/target-sweep.js --out artifacts/target-sweep</c> writes, read from
/// <c>FACEVERIFY_TARGET_SWEEP</c> or <c>artifacts/target-sweep</c> at the repository root; it writes
/// <c>artifacts/target-sweep.md</c> and prints it.
/// </summary>
[Explicit("Needs the rendered target sweep; run: dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~TargetSweepEvidenceTests")]
public sealed class TargetSweepEvidenceTests
{
    [Test]
    public void Report_TargetSweep()
    {
        var folder = Environment.GetEnvironmentVariable("FACEVERIFY_TARGET_SWEEP") ?? Path.Combine(Path.GetDirectoryName(EvidenceArtifacts.CorpusFolder())!, "target-sweep");
        Directory.Exists(folder).Should().BeTrue($"the sweep recordings are expected in {folder}");
        var decisions = TargetSweepReport.Decide(CorpusRecording.LoadFolder(folder), new NoseChallengeOptions());
        decisions.Should().NotBeEmpty();
        EvidenceArtifacts.Write("target-sweep.md", TargetSweepReport.Build(decisions, new DirectoryInfo(folder).Name));
    }
}
