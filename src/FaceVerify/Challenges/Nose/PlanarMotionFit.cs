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

    private const int MaxSweeps = 50;

    /// <summary>
    /// The root-mean-square transfer error, in pixels of the frame, of the homography fitted from <paramref name="first"/>
    /// to <paramref name="last"/> (landmarks matched by type), divided by <paramref name="faceSize"/> (pixels).
    /// Returns <see cref="double.NaN"/> when fewer than <see cref="MinPoints"/> landmarks are present in both frames
    /// or the points are degenerate (all on one spot).
    /// </summary>
    public static double ResidualRatio(IReadOnlyList<Landmark> first, IReadOnlyList<Landmark> last, double width, double height, double faceSize)
        => HomogeneousLeastSquares.MatchedPairsRatio(first, last, width, height, faceSize, MinPoints, withDepth: false, static (sx, sy, tx, ty, _) => ResidualRms(sx, sy, tx, ty));

    /// <summary>The RMS transfer error (in the points' units) of the normalised-DLT homography mapping (sx, sy) to (tx, ty).</summary>
    public static double ResidualRms(Span<double> sx, Span<double> sy, Span<double> tx, Span<double> ty)
    {
        var n = sx.Length;
        if (!HomogeneousLeastSquares.Normalize(sx, sy, out _) || !HomogeneousLeastSquares.Normalize(tx, ty, out var targetScale))
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
            HomogeneousLeastSquares.Accumulate(m, row, 9);
            row[0] = x; row[1] = y; row[2] = 1;
            row[3] = 0; row[4] = 0; row[5] = 0;
            row[6] = -u * x; row[7] = -u * y; row[8] = -u;
            HomogeneousLeastSquares.Accumulate(m, row, 9);
        }

        Span<double> h = stackalloc double[9];
        HomogeneousLeastSquares.SmallestEigenvector(m, h, 9, MaxSweeps);

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
}
