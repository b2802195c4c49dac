namespace FaceVerify;

/// <summary>
/// The landmark matching and homogeneous linear least-squares pieces shared by <see cref="PlanarMotionFit"/> (9 unknowns) and
/// <see cref="FaceDepthParallaxFit"/> (11 unknowns): Hartley normalisation of the points, accumulation of the
/// normal matrix AᵀA row by row, and its null vector (the eigenvector of the smallest eigenvalue) from a cyclic
/// Jacobi eigen-decomposition. Allocation-free.
/// </summary>
internal static class HomogeneousLeastSquares
{
    private const int MaxLandmarkTypes = 64;

    /// <summary>
    /// The prologue and epilogue of both fits: pairs the landmarks of <paramref name="first"/> and <paramref name="last"/>
    /// (<see cref="MatchPixelPairs"/>, with a face depth when <paramref name="withDepth"/>), applies
    /// <paramref name="measure"/> to the pairs and divides its result by <paramref name="faceSize"/> (pixels). Returns
    /// <see cref="double.NaN"/> when <paramref name="faceSize"/> is not positive, fewer than
    /// <paramref name="minPoints"/> pairs are found, or the measure is <see cref="double.NaN"/>.
    /// </summary>
    public static double MatchedPairsRatio(
        IReadOnlyList<Landmark> first,
        IReadOnlyList<Landmark> last,
        double width,
        double height,
        double faceSize,
        int minPoints,
        bool withDepth,
        PairMeasure measure)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        if (!(faceSize > 0))
        {
            return double.NaN;
        }

        var capacity = Math.Min(last.Count, MaxLandmarkTypes);
        Span<double> sx = stackalloc double[capacity];
        Span<double> sy = stackalloc double[capacity];
        Span<double> tx = stackalloc double[capacity];
        Span<double> ty = stackalloc double[capacity];
        Span<double> z = withDepth ? stackalloc double[capacity] : default;
        var n = MatchPixelPairs(first, last, width, height, sx, sy, tx, ty, z);
        if (n < minPoints)
        {
            return double.NaN;
        }

        var rms = measure(sx[..n], sy[..n], tx[..n], ty[..n], withDepth ? z[..n] : default);
        return double.IsNaN(rms) ? double.NaN : rms / faceSize;
    }

    /// <summary>
    /// Pairs the landmarks of <paramref name="first"/> and <paramref name="last"/> by type (each type once, the last
    /// landmark of a type in <paramref name="first"/>), in pixels, into the spans (at most their length); with a
    /// non-empty <paramref name="z"/> only types with a face depth (<see cref="FaceDepthParallaxFit.TryDepth"/>) are
    /// paired and their depth written to <paramref name="z"/>. Pairs with a non-finite coordinate are dropped.
    /// </summary>
    /// <returns>The number of pairs written.</returns>
    public static int MatchPixelPairs(
        IReadOnlyList<Landmark> first,
        IReadOnlyList<Landmark> last,
        double width,
        double height,
        Span<double> sx,
        Span<double> sy,
        Span<double> tx,
        Span<double> ty,
        Span<double> z)
    {
        Span<int> firstIndex = stackalloc int[MaxLandmarkTypes];
        firstIndex.Fill(-1);
        for (var i = 0; i < first.Count; i++)
        {
            var type = (int)first[i].Type;
            if ((uint)type < MaxLandmarkTypes)
            {
                firstIndex[type] = i;
            }
        }

        Span<bool> seen = stackalloc bool[MaxLandmarkTypes];
        var withDepth = !z.IsEmpty;
        var n = 0;
        for (var i = 0; i < last.Count && n < sx.Length; i++)
        {
            var type = (int)last[i].Type;
            var depth = 0.0;
            if ((uint)type >= MaxLandmarkTypes || firstIndex[type] < 0 || seen[type] || (withDepth && !FaceDepthParallaxFit.TryDepth(last[i].Type, out depth)))
            {
                continue;
            }

            seen[type] = true;
            var source = first[firstIndex[type]];
            sx[n] = source.X * width;
            sy[n] = source.Y * height;
            tx[n] = last[i].X * width;
            ty[n] = last[i].Y * height;
            if (withDepth)
            {
                z[n] = depth;
            }

            if (double.IsFinite(sx[n]) && double.IsFinite(sy[n]) && double.IsFinite(tx[n]) && double.IsFinite(ty[n]))
            {
                n++;
            }
        }

        return n;
    }

    // Hartley normalisation in place: centroid to the origin, mean distance √2. Returns the scale applied.
    public static bool Normalize(Span<double> x, Span<double> y, out double scale)
    {
        var n = x.Length;
        double cx = 0, cy = 0;
        for (var i = 0; i < n; i++)
        {
            cx += x[i];
            cy += y[i];
        }

        cx /= n;
        cy /= n;
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            x[i] -= cx;
            y[i] -= cy;
            mean += Math.Sqrt((x[i] * x[i]) + (y[i] * y[i]));
        }

        mean /= n;
        if (!(mean > 1e-9))
        {
            scale = 0;
            return false;
        }

        scale = Math.Sqrt(2) / mean;
        for (var i = 0; i < n; i++)
        {
            x[i] *= scale;
            y[i] *= scale;
        }

        return true;
    }

    // Adds rowᵀ·row to the unknowns × unknowns normal matrix m.
    public static void Accumulate(Span<double> m, ReadOnlySpan<double> row, int unknowns)
    {
        for (var r = 0; r < unknowns; r++)
        {
            var a = row[r];
            if (a == 0)
            {
                continue;
            }

            for (var c = 0; c < unknowns; c++)
            {
                m[(r * unknowns) + c] += a * row[c];
            }
        }
    }

    // Cyclic Jacobi on the symmetric n × n matrix m (destroyed); the eigenvector of the smallest eigenvalue into h.
    public static void SmallestEigenvector(Span<double> m, Span<double> h, int n, int maxSweeps)
    {
        Span<double> v = stackalloc double[n * n];
        v.Clear();
        for (var i = 0; i < n; i++)
        {
            v[(i * n) + i] = 1;
        }

        for (var sweep = 0; sweep < maxSweeps; sweep++)
        {
            var off = 0.0;
            var diagonal = 0.0;
            for (var p = 0; p < n; p++)
            {
                diagonal += m[(p * n) + p] * m[(p * n) + p];
                for (var q = p + 1; q < n; q++)
                {
                    off += m[(p * n) + q] * m[(p * n) + q];
                }
            }

            if (off <= 1e-30 * diagonal)
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    var apq = m[(p * n) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    var theta = (m[(q * n) + q] - m[(p * n) + p]) / (2 * apq);
                    var t = (theta >= 0 ? 1.0 : -1.0) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < n; k++)
                    {
                        var mkp = m[(k * n) + p];
                        var mkq = m[(k * n) + q];
                        m[(k * n) + p] = (c * mkp) - (s * mkq);
                        m[(k * n) + q] = (s * mkp) + (c * mkq);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var mpk = m[(p * n) + k];
                        var mqk = m[(q * n) + k];
                        m[(p * n) + k] = (c * mpk) - (s * mqk);
                        m[(q * n) + k] = (s * mpk) + (c * mqk);
                    }

                    for (var k = 0; k < n; k++)
                    {
                        var vkp = v[(k * n) + p];
                        var vkq = v[(k * n) + q];
                        v[(k * n) + p] = (c * vkp) - (s * vkq);
                        v[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var smallest = 0;
        for (var i = 1; i < n; i++)
        {
            if (m[(i * n) + i] < m[(smallest * n) + smallest])
            {
                smallest = i;
            }
        }

        for (var k = 0; k < n; k++)
        {
            h[k] = v[(k * n) + smallest];
        }
    }
}

/// <summary>
/// A fit's RMS measure of matched point pairs (source <c>sx, sy</c>, target <c>tx, ty</c>, face depth <c>z</c> or empty),
/// in the target points' units, or <see cref="double.NaN"/> when the points are degenerate; the spans may be modified.
/// </summary>
internal delegate double PairMeasure(Span<double> sx, Span<double> sy, Span<double> tx, Span<double> ty, Span<double> z);
