namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The targets of docs/liveness-evidence.md on a fixed seeded subset of the liveness corpus (TestData/LivenessCorpus:
/// recordings of the local engine on sequences rendered from the face-api demo photos with human's face mesh),
/// replayed through the nose challenge with default options. Rates and counts, no timings.
/// </summary>
public sealed class LivenessCorpusSubsetTests
{
    private static readonly Lazy<IReadOnlyList<CorpusRun>> Runs = new(() =>
    {
        var folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "LivenessCorpus");
        var challenge = new NoseTargetChallenge();
        return [.. CorpusRecording.LoadFolder(folder).Select(r => r.Run(challenge))];
    });

    private static IEnumerable<CorpusRun> Of(params string[] kinds) => Runs.Value.Where(r => kinds.Contains(r.Recording.Kind));

    [Test]
    public void Subset_HoldsEveryClassOfTheCorpus()
    {
        Runs.Value.Select(r => r.Recording.Kind).Distinct().Should().Contain(["genuine", "still", "slide", "tilt", "cylinder", "bump", "bend"]);
        Of("genuine").Count(r => r.DecisionYaw >= 15).Should().BeGreaterThanOrEqualTo(5);
    }

    [Test]
    public void GenuineTurnsOf15DegreesOrMore_NoneRejectedByTheFlatObjectCheck()
    {
        // The flat-object check rejects none of these turns on this subset (on the 100-recording corpus: 1 of 25 sessions
        // that pass the reference rules, genuine-34 at 14.5°). The reference's own histogram rule, kept as it is,
        // rejects some of them, so the issue's ≤ 2 % target for the landmark rules together is not met (docs/liveness-evidence.md).
        var turns = Of("genuine").Where(r => r.DecisionYaw >= 15).ToArray();
        TestContext.Out.WriteLine(string.Join(", ", turns.Select(r => $"{r.Recording.Name} {r.ReasonLabel}")));
        turns.Should().NotContain(r => r.Verdict.Detail == FlatObjectCheck.Detail);
        turns.Where(r => r.Passed).Should().OnlyContain(r => r.Parallax >= 1.2 * new NoseChallengeOptions().MinDepthParallax, "genuine turns clear the threshold by a margin");
    }

    [Test]
    public void FlatPrints_NonePass_AndTheDecisiveStatisticStaysUnderHalfTheThreshold()
    {
        var threshold = new NoseChallengeOptions().MinDepthParallax;
        var flat = Of(LivenessEvidenceReport.FlatClasses).ToArray();
        flat.Should().NotBeEmpty();
        flat.Should().OnlyContain(r => !r.Passed);
        foreach (var run in flat.Where(r => r.NoseFaces.Count >= 2))
        {
            run.Parallax.Should().BeLessThanOrEqualTo(threshold / 2, $"{run.Recording.Name} must stay far from the threshold");
        }
    }

    [Test]
    public void DigitallyBentPrints_ScreenReplaysOfAnotherChallenge_AndSecondFaces_NonePass()
    {
        foreach (var kind in new[] { "bend", "screen", "second" })
        {
            Of(kind).Should().NotBeEmpty().And.OnlyContain(r => !r.Passed, kind);
        }

        Of("second").Should().OnlyContain(r => r.Verdict.Reason == ChallengeReason.MultipleFaces);
    }

    [Test]
    public void BentPrintsTurnedLikeAHead_ReachGenuineParallax_NoLandmarkStatisticHasAMargin()
    {
        // The documented weakness (docs/liveness-evidence.md, "Candidates over the whole nose-state trajectory"): the
        // landmark detector lays a face-shaped landmark layout over a bulged print turned like a head, so its face-depth
        // parallax, and even the face-specific part no smooth surface explains, reaches genuine values. Pinned as
        // measured; a discriminator that stops these must change the counts.
        var threshold = new NoseChallengeOptions().MinDepthParallax;
        var turnedBent = Of("bump", "cylinder").Where(r => r.NoseFaces.Count >= 2).ToArray();
        var genuineLowest = Of("genuine").Where(r => r.Passed).Min(r => r.Parallax);
        TestContext.Out.WriteLine(string.Join(", ", turnedBent.Select(r => $"{r.Recording.Name} {r.ReasonLabel} {r.Parallax:0.0000}")) + $"; lowest genuine pass {genuineLowest:0.0000}");
        turnedBent.Count(r => r.Passed).Should().Be(1, "bump-2 passes every landmark rule on this subset");
        turnedBent.Where(r => r.Passed).Should().OnlyContain(r => r.Parallax >= genuineLowest && r.Parallax >= 1.5 * threshold);
        turnedBent.Where(r => r.Passed).Select(FaceSpecificParallax).Should().OnlyContain(p => p >= threshold, "the face-specific depth beyond a smooth surface is there too");
    }

    [Test]
    public void HistogramRule_GenuineTurnsItRejectsOnTheSubset_AreJudgedOnTheNotRotatedBranch()
    {
        // Why the reference's histogram rule (kept as it is) rejects genuine turns of 15° or more on the corpus: the
        // engine's yaw of the frontalised render is offset against the turn at the start (the corpus's frontalisation
        // leaves part of the photo's yaw), so the reported yaw at the decision stays within ±5° and the rule asks for
        // 0.15 instead of 0.075; the histogram distances are above 0.075. (On the full corpus: 2 of 4 such rejections;
        // the others are a histogram dip at the deciding frame and a nose state entered mid-turn.)
        var rows = HistogramRuleInvestigation.Rows(Runs.Value.Select(r => r.Recording)).Where(r => r.Run.DecisionYaw >= 15 && r.RejectedByRule).ToArray();
        TestContext.Out.WriteLine(string.Join(", ", rows.Select(r => $"{r.Run.Recording.Name} start {r.FirstNoseYaw:0.0} decision {r.DecisionYaw:0.0} distance {r.Distance:0.000}")));
        rows.Should().NotBeEmpty();
        rows.Should().OnlyContain(r => Math.Abs(r.DecisionYaw) <= NoseGeometry.RotationThreshold && Math.Abs(r.FirstNoseYaw) >= NoseGeometry.RotationThreshold && r.Distance > 0.075);
    }

    [Test]
    public void Replay_DecisionIsAPureFunctionOfTheStoredAnalyses()
    {
        // the same recordings replayed twice decide identically (what lets any instance decide, and `faceverify replay` reproduce it)
        var again = CorpusRecording.LoadFolder(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "LivenessCorpus")).Select(r => r.Run(new NoseTargetChallenge())).ToArray();
        again.Select(r => (r.Recording.Name, r.Verdict, r.DecidedAt)).Should().Equal(Runs.Value.Select(r => (r.Recording.Name, r.Verdict, r.DecidedAt)));
    }

    private static double FaceSpecificParallax(CorpusRun run)
    {
        var last = run.NoseFaces[^1];
        var size = Math.Sqrt(last.BoundingBox.Width * run.Progress.Width * last.BoundingBox.Height * run.Progress.Height);
        return QuadraticSurfaceFit.FaceSpecificParallax(run.NoseFaces[0].Landmarks, last.Landmarks, run.Progress.Width, run.Progress.Height, size);
    }
}
