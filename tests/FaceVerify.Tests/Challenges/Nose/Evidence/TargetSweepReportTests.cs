namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>The confidence bound the target sweep reports (one-sided 95 % Clopper–Pearson).</summary>
public sealed class TargetSweepReportTests
{
    [Test]
    public void UpperBound_NoSuccesses_IsOneMinusAlphaToTheOneOverN()
    {
        // with no successes the exact bound solves (1 - p)^n = 0.05; the rule of three (3 / n) approximates it
        TargetSweepReport.UpperBound(0, 30).Should().BeApproximately(1 - Math.Pow(0.05, 1.0 / 30), 1e-9);
        TargetSweepReport.UpperBound(0, 100).Should().BeApproximately(0.0295, 0.0005);
    }

    [Test]
    public void UpperBound_SomeSuccesses_MatchesTheBetaQuantile()
    {
        // Beta(x + 1, n - x) 95 % quantile: 1 of 10 -> 0.3942, 5 of 20 -> 0.4556 (tables of the exact binomial bound)
        TargetSweepReport.UpperBound(1, 10).Should().BeApproximately(0.3942, 0.0005);
        TargetSweepReport.UpperBound(5, 20).Should().BeApproximately(0.4556, 0.0005);
        TargetSweepReport.UpperBound(10, 10).Should().Be(1);
    }
}
