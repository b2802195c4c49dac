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
        EvidenceArtifacts.Write("liveness-evidence.md", LivenessEvidenceReport.Build(EvidenceArtifacts.LoadCorpus(), new NoseChallengeOptions()));
    }
}
