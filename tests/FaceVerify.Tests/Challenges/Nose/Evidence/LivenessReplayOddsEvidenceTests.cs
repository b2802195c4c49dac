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
        var folder = EvidenceArtifacts.CorpusFolder();
        var name = new DirectoryInfo(folder).Name;
        var odds = ReplayOdds.Measure(CorpusRecording.LoadFolder(folder), Targets, Seed);
        odds.Should().NotBeEmpty();
        EvidenceArtifacts.Write($"replay-odds-{name}.md", ReplayOdds.Build(name, odds, Targets, Seed));
    }

    /// <summary>The smaller-nose-box trade-off (measured, not shipped): <c>artifacts/replay-odds-box-&lt;corpus folder&gt;.md</c>; the genuine sessions of <c>FACEVERIFY_TARGET_SWEEP</c> too when set.</summary>
    [Test]
    public void Report_SmallerNoseBox()
    {
        var folder = EvidenceArtifacts.CorpusFolder();
        var sweep = Environment.GetEnvironmentVariable("FACEVERIFY_TARGET_SWEEP");
        var sweepRecordings = sweep is null ? [] : CorpusRecording.LoadFolder(sweep);
        var name = new DirectoryInfo(folder).Name;
        EvidenceArtifacts.Write($"replay-odds-box-{name}.md", ReplayOddsMitigation.Build(CorpusRecording.LoadFolder(folder), sweepRecordings, Targets, Seed));
    }
}
