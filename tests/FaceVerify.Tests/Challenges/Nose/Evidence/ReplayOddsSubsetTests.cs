namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The replay odds of docs/liveness-evidence.md pinned on the fixed seeded subset (TestData/LivenessCorpus): its
/// genuine recordings replayed against fresh targets drawn by the challenge's own generator from a fixed seed.
/// </summary>
public sealed class ReplayOddsSubsetTests
{
    [Test]
    public void GenuineRecordingReplayedAgainstFreshTargets_PassesAsOftenAsTheTargetsCoincide()
    {
        var folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "LivenessCorpus");
        var odds = ReplayOdds.Measure(CorpusRecording.LoadFolder(folder), targets: 100, seed: 14);
        var own = odds.Where(o => o.PassesOwnTarget).ToArray();
        var mean = own.Average(o => o.Fraction);
        var analytic = ReplayOdds.TargetCoincidence(480, 480, 50_000, seed: 14);
        TestContext.Out.WriteLine($"{own.Length} of {odds.Count} recordings pass their own target; replay pass fraction {mean:0.000}; analytic {analytic:0.000}");
        TestContext.Out.WriteLine(string.Join(", ", odds.Select(o => $"{o.Recording.Name} {o.Passed}/{o.Targets}")));

        own.Should().NotBeEmpty();
        analytic.Should().BeInRange(0.17, 0.20, "two random targets coincide within the 42 px tolerant box about 18 % of the time");
        mean.Should().BeInRange(0.15, 0.20, "measured on the subset with seed 14: 0.173");
        odds.Where(o => !o.PassesOwnTarget).Should().OnlyContain(o => o.Fraction < mean, "a recording that fails its own target passes fresh ones less often");
    }
}
