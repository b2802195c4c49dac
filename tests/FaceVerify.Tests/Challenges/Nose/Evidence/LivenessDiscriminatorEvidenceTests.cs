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
    public void Report_FlatObjectCandidates() => EvidenceArtifacts.Write("flat-object-candidates.md", FlatObjectCandidatesReport.Build(EvidenceArtifacts.LoadCorpus()));

    [Test]
    public void Report_HistogramRule() => EvidenceArtifacts.Write("histogram-rule.md", HistogramRuleInvestigation.Build(EvidenceArtifacts.LoadCorpus()));
}
