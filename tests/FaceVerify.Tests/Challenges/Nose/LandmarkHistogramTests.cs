namespace FaceVerify.Tests.Challenges.Nose;

public class LandmarkHistogramTests
{
    private static Landmark[] Points(params (double X, double Y)[] points)
        => points.Select(p => new Landmark(LandmarkType.Nose, p.X, p.Y)).ToArray();

    private static double[] Histogram(Landmark[] landmarks, double width = 1, double height = 1)
    {
        var histogram = new double[9];
        LandmarkHistogram.Compute(landmarks, width, height, histogram);
        return histogram;
    }

    private static readonly (double, double)[] Grid =
        [(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1), (0, 2), (1, 2), (2, 2), (1, 1)];

    [Test]
    public void Distance_SpecGoldenGridWithOnePointMoved_Is0141421()
    {
        var original = Histogram(Points(Grid));
        var moved = Grid.ToArray();
        moved[1] = (0, 0);

        LandmarkHistogram.Distance(original, Histogram(Points(moved))).Should().BeApproximately(0.141421, 0.000001);
    }

    [Test]
    public void Compute_Grid_PutsOnePointPerCellAndNormalisesByCount()
    {
        var histogram = Histogram(Points(Grid));

        // [xbin * 3 + ybin]; the extra (1,1) doubles the centre cell; the maximum (2) falls in the last bin.
        histogram.Should().Equal(0.1, 0.1, 0.1, 0.1, 0.2, 0.1, 0.1, 0.1, 0.1);
    }

    [Test]
    public void Compute_AllSameX_WidensTheRangeByHalfEachSide()
    {
        // x range 5±0.5 → edges 4.5, 4.833, 5.167, 5.5: every x = 5 is in the middle bin.
        var histogram = Histogram(Points((5, 0), (5, 3), (5, 6)));

        histogram.Should().Equal(0, 0, 0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 0, 0, 0);
    }

    [Test]
    public void Compute_ValueOnInnerEdge_GoesToTheUpperBin()
    {
        // x edges 0, 1, 2, 3: x = 1 is counted in bin 1 (numpy searchsorted 'right'); y = 0 everywhere widens to ±0.5 (middle bin).
        var histogram = Histogram(Points((0, 0), (1, 0), (3, 0)));

        histogram[1].Should().BeApproximately(1 / 3.0, 1e-15);
        histogram[3 + 1].Should().BeApproximately(1 / 3.0, 1e-15);
        histogram[6 + 1].Should().BeApproximately(1 / 3.0, 1e-15);
    }

    [Test]
    public void Compute_IsInvariantToTranslationAndScale()
    {
        var a = Histogram(Points(Grid));
        var b = Histogram(Points(Grid.Select(p => ((p.Item1 * 0.1) + 0.3, (p.Item2 * 0.1) + 0.2)).ToArray()), 480, 360);

        LandmarkHistogram.Distance(a, b).Should().BeLessThan(1e-12);
    }

    [Test]
    public void Compute_NoLandmarks_IsAllZero()
    {
        Histogram([]).Should().OnlyContain(v => v == 0);
    }
}
