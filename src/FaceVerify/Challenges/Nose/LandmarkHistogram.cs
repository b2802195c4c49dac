using System.Runtime.InteropServices;

namespace FaceVerify;

/// <summary>
/// The reference's landmark-layout signature: numpy <c>histogram2d(x, y, bins=3)</c> of all landmarks in pixels,
/// each set over its own min..max (edges <c>linspace(min, max, 4)</c>; min == max widens to ±0.5; a value equal to
/// the last edge falls in the last bin), flattened to 9 values and divided by the landmark count. Allocation-free.
/// </summary>
internal static class LandmarkHistogram
{
    /// <summary>Number of values in a histogram (3×3).</summary>
    public const int Length = 9;

    private const int Bins = 3;

    /// <summary>Computes the normalised 3×3 histogram of <paramref name="landmarks"/> into <paramref name="histogram"/> ([xbin * 3 + ybin]).</summary>
    public static void Compute(IReadOnlyList<Landmark> landmarks, double width, double height, Span<double> histogram)
    {
        // Arrays and lists (what the JSON readers and analyzers produce) are read as spans: no interface call per landmark.
        switch (landmarks)
        {
            case Landmark[] array:
                Compute(new ReadOnlySpan<Landmark>(array), width, height, histogram);
                return;
            case List<Landmark> list:
                Compute(CollectionsMarshal.AsSpan(list), width, height, histogram);
                return;
        }

        Span<Landmark> copy = landmarks.Count <= 64 ? stackalloc Landmark[landmarks.Count] : new Landmark[landmarks.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = landmarks[i];
        }

        Compute(copy, width, height, histogram);
    }

    /// <summary>Computes the normalised 3×3 histogram of <paramref name="landmarks"/> into <paramref name="histogram"/> ([xbin * 3 + ybin]).</summary>
    public static void Compute(ReadOnlySpan<Landmark> landmarks, double width, double height, Span<double> histogram)
    {
        if (histogram.Length < Length)
        {
            throw new ArgumentException("The histogram needs 9 values.", nameof(histogram));
        }

        histogram[..Length].Clear();
        var n = landmarks.Length;
        if (n == 0)
        {
            return;
        }

        double minX = double.PositiveInfinity, maxX = double.NegativeInfinity, minY = double.PositiveInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var landmark = landmarks[i];
            var x = width * landmark.X;
            var y = height * landmark.Y;
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
        }

        Edges(minX, maxX, out var x1, out var x2);
        Edges(minY, maxY, out var y1, out var y2);
        var weight = 1.0 / n;
        for (var i = 0; i < n; i++)
        {
            var landmark = landmarks[i];
            var xb = Bin(width * landmark.X, x1, x2);
            var yb = Bin(height * landmark.Y, y1, y2);
            histogram[(xb * Bins) + yb] += weight;
        }
    }

    /// <summary>The Euclidean distance between two histograms.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < Length; i++)
        {
            var d = a[i] - b[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>The distance between the histogram <paramref name="original"/> and that of <paramref name="landmarks"/>.</summary>
    public static double Distance(ReadOnlySpan<double> original, IReadOnlyList<Landmark> landmarks, double width, double height)
    {
        Span<double> current = stackalloc double[Length];
        Compute(landmarks, width, height, current);
        return Distance(original, current);
    }

    // numpy: _get_outer_edges widens an empty range by 0.5 each side; linspace(lo, hi, 4) = k*step + lo, last = hi.
    private static void Edges(double min, double max, out double e1, out double e2)
    {
        if (min == max)
        {
            min -= 0.5;
            max += 0.5;
        }

        var step = (max - min) / Bins;
        e1 = (1 * step) + min;
        e2 = (2 * step) + min;
    }

    // searchsorted(edges, v, 'right') - 1, with v == last edge (the maximum) moved into the last bin. Every value
    // lies within its own set's min..max, so only the two inner edges decide.
    private static int Bin(double value, double e1, double e2) => value >= e2 ? 2 : value >= e1 ? 1 : 0;
}
