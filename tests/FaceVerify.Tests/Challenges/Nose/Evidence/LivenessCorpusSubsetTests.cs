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
        // The flat-object check rejects none of these turns on this subset (on the full corpus: 1 of 24 sessions that
        // pass the reference rules). The reference's own histogram rule, kept as it is, rejects some of them, so the
        // issue's ≤ 2 % target for the landmark rules together is not met (docs/liveness-evidence.md).
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
    public void Replay_DecisionIsAPureFunctionOfTheStoredAnalyses()
    {
        // the same recordings replayed twice decide identically (what lets any instance decide, and `faceverify replay` reproduce it)
        var again = CorpusRecording.LoadFolder(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "LivenessCorpus")).Select(r => r.Run(new NoseTargetChallenge())).ToArray();
        again.Select(r => (r.Recording.Name, r.Verdict, r.DecidedAt)).Should().Equal(Runs.Value.Select(r => (r.Recording.Name, r.Verdict, r.DecidedAt)));
    }
}
