namespace FaceVerify;

/// <summary>
/// Flat-photo evidence: how well one planar transform (a homography, 8 degrees of freedom) explains the motion of a
/// face's landmarks between two frames. A printed photo or a screen that is slid, rotated, scaled or tilted in front of
/// the camera moves every landmark by the same homography, so the residual stays at the detector's noise; a real head
/// that turns moves the nose, mouth and inner eyes (in front of the face plane) against the outer landmarks, which no
/// homography can follow. Fit: normalised DLT (Hartley) over the landmarks present in both frames, the null vector of
/// the 9×9 normal matrix from a cyclic Jacobi eigen-decomposition. Allocation-free; runs once per decision.
/// </summary>
internal static class PlanarMotionFit
{
    /// <summary>The fewest landmarks present in both frames for a meaningful fit (a homography has 8 degrees of freedom).</summary>
    public const int MinPoints = 8;

    private const int MaxLandmarkTypes = 64;
    private const int MaxSweeps = 50;

    /// <summary>
    /// The root-mean-square transfer error, in pixels of the frame, of the homography fitted from <paramref name="first"/>
    /// to <paramref name="last"/> (landmarks matched by type), divided by <paramref name="faceSize"/> (pixels).
    /// Returns <see cref="double.NaN"/> when fewer than <see cref="MinPoints"/> landmarks are present in both frames
    /// or the points are degenerate (all on one spot).
    /// </summary>
    public static double ResidualRatio(IReadOnlyList<Landmark> first, IReadOnlyList<Landmark> last, double width, double height, double faceSize)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        if (!(faceSize > 0))
        {
            return double.NaN;
        }

        // Match by type: index of each type in the first frame (types are small enum values).
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

        var capacity = Math.Min(last.Count, MaxLandmarkTypes);
        Span<double> sx = stackalloc double[capacity];
        Span<double> sy = stackalloc double[capacity];
        Span<double> tx = stackalloc double[capacity];
        Span<double> ty = stackalloc double[capacity];
        Span<bool> seen = stackalloc bool[MaxLandmarkTypes];
        var n = 0;
        for (var i = 0; i < last.Count && n < capacity; i++)
        {
            var type = (int)last[i].Type;
            if ((uint)type >= MaxLandmarkTypes || firstIndex[type] < 0 || seen[type])
            {
                continue;
            }

            seen[type] = true;
            var source = first[firstIndex[type]];
            sx[n] = source.X * width;
            sy[n] = source.Y * height;
            tx[n] = last[i].X * width;
            ty[n] = last[i].Y * height;
            if (!double.IsFinite(sx[n]) || !double.IsFinite(sy[n]) || !double.IsFinite(tx[n]) || !double.IsFinite(ty[n]))
            {
                continue;
            }

            n++;
        }

        if (n < MinPoints)
        {
            return double.NaN;
        }

        var rms = ResidualRms(sx[..n], sy[..n], tx[..n], ty[..n]);
        return double.IsNaN(rms) ? double.NaN : rms / faceSize;
    }

    /// <summary>The RMS transfer error (in the points' units) of the normalised-DLT homography mapping (sx, sy) to (tx, ty).</summary>
    public static double ResidualRms(Span<double> sx, Span<double> sy, Span<double> tx, Span<double> ty)
    {
        var n = sx.Length;
        if (!Normalize(sx, sy, out _) || !Normalize(tx, ty, out var targetScale))
        {
            return double.NaN;
        }

        // Normal matrix AᵀA of the DLT system (two rows per point).
        Span<double> m = stackalloc double[81];
        m.Clear();
        Span<double> row = stackalloc double[9];
        for (var i = 0; i < n; i++)
        {
            double x = sx[i], y = sy[i], u = tx[i], v = ty[i];
            row[0] = 0; row[1] = 0; row[2] = 0;
            row[3] = -x; row[4] = -y; row[5] = -1;
            row[6] = v * x; row[7] = v * y; row[8] = v;
            Accumulate(m, row);
            row[0] = x; row[1] = y; row[2] = 1;
            row[3] = 0; row[4] = 0; row[5] = 0;
            row[6] = -u * x; row[7] = -u * y; row[8] = -u;
            Accumulate(m, row);
        }

        Span<double> h = stackalloc double[9];
        SmallestEigenvector(m, h);

        // Transfer error in normalised target units, back to the original units by the target scale.
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            double x = sx[i], y = sy[i];
            var w = (h[6] * x) + (h[7] * y) + h[8];
            if (Math.Abs(w) < 1e-12)
            {
                // The fitted plane sends this point to infinity: no planar motion explains the pair.
                return double.PositiveInfinity;
            }

            var u = ((h[0] * x) + (h[1] * y) + h[2]) / w;
            var v = ((h[3] * x) + (h[4] * y) + h[5]) / w;
            var du = u - tx[i];
            var dv = v - ty[i];
            sum += (du * du) + (dv * dv);
        }

        return Math.Sqrt(sum / n) / targetScale;
    }

    // Hartley normalisation in place: centroid to the origin, mean distance √2. Returns the scale applied.
    private static bool Normalize(Span<double> x, Span<double> y, out double scale)
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

    private static void Accumulate(Span<double> m, ReadOnlySpan<double> row)
    {
        for (var r = 0; r < 9; r++)
        {
            var a = row[r];
            if (a == 0)
            {
                continue;
            }

            for (var c = 0; c < 9; c++)
            {
                m[(r * 9) + c] += a * row[c];
            }
        }
    }

    // Cyclic Jacobi on the symmetric 9×9 matrix m (destroyed); the eigenvector of the smallest eigenvalue into h.
    private static void SmallestEigenvector(Span<double> m, Span<double> h)
    {
        const int N = 9;
        Span<double> v = stackalloc double[N * N];
        v.Clear();
        for (var i = 0; i < N; i++)
        {
            v[(i * N) + i] = 1;
        }

        for (var sweep = 0; sweep < MaxSweeps; sweep++)
        {
            var off = 0.0;
            var diagonal = 0.0;
            for (var p = 0; p < N; p++)
            {
                diagonal += m[(p * N) + p] * m[(p * N) + p];
                for (var q = p + 1; q < N; q++)
                {
                    off += m[(p * N) + q] * m[(p * N) + q];
                }
            }

            if (off <= 1e-30 * diagonal)
            {
                break;
            }

            for (var p = 0; p < N - 1; p++)
            {
                for (var q = p + 1; q < N; q++)
                {
                    var apq = m[(p * N) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    var app = m[(p * N) + p];
                    var aqq = m[(q * N) + q];
                    var theta = (aqq - app) / (2 * apq);
                    var t = (theta >= 0 ? 1.0 : -1.0) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    var c = 1 / Math.Sqrt((t * t) + 1);
                    var s = t * c;
                    for (var k = 0; k < N; k++)
                    {
                        var mkp = m[(k * N) + p];
                        var mkq = m[(k * N) + q];
                        m[(k * N) + p] = (c * mkp) - (s * mkq);
                        m[(k * N) + q] = (s * mkp) + (c * mkq);
                    }

                    for (var k = 0; k < N; k++)
                    {
                        var mpk = m[(p * N) + k];
                        var mqk = m[(q * N) + k];
                        m[(p * N) + k] = (c * mpk) - (s * mqk);
                        m[(q * N) + k] = (s * mpk) + (c * mqk);
                    }

                    for (var k = 0; k < N; k++)
                    {
                        var vkp = v[(k * N) + p];
                        var vkq = v[(k * N) + q];
                        v[(k * N) + p] = (c * vkp) - (s * vkq);
                        v[(k * N) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        var smallest = 0;
        for (var i = 1; i < N; i++)
        {
            if (m[(i * N) + i] < m[(smallest * N) + smallest])
            {
                smallest = i;
            }
        }

        for (var k = 0; k < N; k++)
        {
            h[k] = v[(k * N) + smallest];
        }
    }
}
