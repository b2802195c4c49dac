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
    public void GenuineTurnsOf15DegreesOrMore_RejectedByTheLandmarkMovementRulesAtMost2Percent()
    {
        var turns = Of("genuine").Where(r => r.DecisionYaw >= 15).ToArray();
        var rejected = turns.Count(r => r.Verdict.Reason == OutcomeReason.InsufficientLandmarkMovement);
        TestContext.Out.WriteLine($"{rejected} of {turns.Length} rejected: {string.Join(", ", turns.Select(r => $"{r.Recording.Name} {r.ReasonLabel}"))}");
        (rejected * 50).Should().BeLessThanOrEqualTo(turns.Length, "at most 2 % of genuine turns of 15° or more fail the histogram or flat-object rule");
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
    public void DigitallyBentPrints_NonePass()
        => Of("bend").Should().NotBeEmpty().And.OnlyContain(r => !r.Passed);

    [Test]
    public void Replay_DecisionIsAPureFunctionOfTheStoredAnalyses()
    {
        // the same recordings replayed twice decide identically (what lets any instance decide, and `faceverify replay` reproduce it)
        var again = CorpusRecording.LoadFolder(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "LivenessCorpus")).Select(r => r.Run(new NoseTargetChallenge())).ToArray();
        again.Select(r => (r.Recording.Name, r.Verdict, r.DecidedAt)).Should().Equal(Runs.Value.Select(r => (r.Recording.Name, r.Verdict, r.DecidedAt)));
    }
}
