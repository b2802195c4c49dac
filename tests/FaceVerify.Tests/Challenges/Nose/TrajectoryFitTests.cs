namespace FaceVerify.Tests.Challenges.Nose;

public class TrajectoryFitTests
{
    [Test]
    public void SumOfSquaredResiduals_SpecGoldenSmoothPath_MatchesNumpy()
    {
        double[] x = [.50, .52, .54, .56, .58];
        double[] y = [.50, .51, .53, .52, .55];

        var ssr = TrajectoryFit.SumOfSquaredResiduals(x, y, out var rank);

        rank.Should().Be(3);
        ssr.Should().BeApproximately(2.6286e-4, 0.00005e-4);
        TrajectoryFit.RootMeanSquareError(x, y).Should().BeApproximately(0.0072506, 0.0000001);
    }

    [Test]
    public void RootMeanSquareError_SpecGoldenZigZag_IsAboveThreshold()
    {
        double[] x = [.50, .52, .54, .56];
        double[] y = [.50, .60, .45, .62];

        var error = TrajectoryFit.RootMeanSquareError(x, y);

        error.Should().BeApproximately(0.063728, 0.000001);
        error.Should().BeGreaterThan(NoseGeometry.TrajectoryErrorThreshold);
    }

    [Test]
    public void SumOfSquaredResiduals_ExactParabola_IsZero()
    {
        double[] x = [0.1, 0.3, 0.35, 0.6, 0.9, 0.95];
        var y = x.Select(v => (2 * v * v) - v + 0.25).ToArray();

        TrajectoryFit.SumOfSquaredResiduals(x, y, out var rank).Should().BeLessThan(1e-20);
        rank.Should().Be(3);
    }

    [Test]
    public void SumOfSquaredResiduals_ConstantX_IsRankOneAndFitsTheMean_Fix13()
    {
        // numpy returns no residual here (the reference then crashed with HTTP 500); the best lower-degree fit is the mean.
        double[] x = [.6, .6, .6, .6];
        double[] y = [.40, .44, .48, .52];

        var ssr = TrajectoryFit.SumOfSquaredResiduals(x, y, out var rank);

        rank.Should().Be(1);
        ssr.Should().BeApproximately(0.008, 1e-12);
    }

    [Test]
    public void SumOfSquaredResiduals_TwoDistinctX_FitsTheGroupMeans_Fix13()
    {
        double[] x = [.5, .5, .7, .7];
        double[] y = [.40, .42, .60, .66];

        var ssr = TrajectoryFit.SumOfSquaredResiduals(x, y, out var rank);

        rank.Should().Be(2);
        ssr.Should().BeApproximately((2 * 0.01 * 0.01) + (2 * 0.03 * 0.03), 1e-12);
    }

    [Test]
    public void SumOfSquaredResiduals_ThreePoints_InterpolatesExactly()
    {
        TrajectoryFit.SumOfSquaredResiduals([.5, .6, .7], [.5, .7, .5], out var rank).Should().BeLessThan(1e-20);
        rank.Should().Be(3);
    }

    [Test]
    public void SumOfSquaredResiduals_MoreThan256Points_LeavesOnlyTheNoise()
    {
        var x = Enumerable.Range(0, 300).Select(i => 0.3 + (i * 0.001)).ToArray();
        var y = x.Select((v, i) => (v * v) + (i % 2 == 0 ? 0.001 : -0.001)).ToArray();

        var ssr = TrajectoryFit.SumOfSquaredResiduals(x, y, out _);

        ssr.Should().BeApproximately(300 * 0.001 * 0.001, 1e-7);
    }

    [Test]
    public void SumOfSquaredResiduals_LengthMismatch_Throws()
    {
        var act = () => TrajectoryFit.SumOfSquaredResiduals([1.0, 2.0], [1.0], out _);

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void SumOfSquaredResiduals_RecordedPaths_ConvergeWithinTenSweeps()
    {
        double[] x = [.50, .52, .54, .56, .58];
        double[] y = [.50, .51, .53, .52, .55];
        var x150 = Enumerable.Range(0, 150).Select(i => 0.5 + (i * 0.0008)).ToArray();
        var y150 = x150.Select((v, i) => (0.3 * v * v) + (i % 3 * 0.0005)).ToArray();

        TrajectoryFit.SumOfSquaredResiduals(x, y, out _, out var sweeps);
        TrajectoryFit.SumOfSquaredResiduals(x150, y150, out _, out var sweeps150);
        TestContext.Out.WriteLine($"sweeps: {sweeps}, {sweeps150}");

        sweeps.Should().BeLessThanOrEqualTo(10);
        sweeps150.Should().BeLessThanOrEqualTo(10);
    }
}
