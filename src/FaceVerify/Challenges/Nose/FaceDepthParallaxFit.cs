namespace FaceVerify;

/// <summary>
/// Flat- and bent-object evidence from a face's landmark motion: how much of the motion between two frames is the
/// parallax of a face-shaped depth. Model ("plane + parallax" with a known relative depth): the landmarks of the later
/// frame are a homography of the first frame's plus a parallax term c·zᵢ, where zᵢ is the depth of landmark i in a
/// generic 3D face (the 14-point anthropometric model the local engine's pose estimate uses, completed for the nose
/// tip, eye and lip mid-points; the jawline is left out, as its landmarks slide along the silhouette) and c one 2D vector
/// per frame pair. A turning head moves its nose, brows and lips against its eyes and mouth corners in exactly that
/// pattern, so |c·z| grows with the turn; a flat print or screen (slid, scaled, turned or tilted) moves by a
/// homography alone; a print bent around a cylinder or bump-warped moves by a pattern that is not the face's depth,
/// which the fit leaves mostly unexplained. Fit: normalised DLT over 11 unknowns (the homography's 9 and c), the
/// null vector of the 11×11 normal matrix from a cyclic Jacobi eigen-decomposition. Allocation-free.
/// </summary>
internal static class FaceDepthParallaxFit
{
    /// <summary>The fewest landmarks with a depth present in both frames for a meaningful fit (11 unknowns, two equations per point).</summary>
    public const int MinPoints = 8;

    private const int Unknowns = 11;
    private const int MaxSweeps = 60;

    /// <summary>
    /// The RMS magnitude of the fitted face-depth parallax, in pixels of the frame, from <paramref name="first"/> to
    /// <paramref name="last"/> (landmarks matched by type), divided by <paramref name="faceSize"/> (pixels). Returns
    /// <see cref="double.NaN"/> when fewer than <see cref="MinPoints"/> landmarks with a depth are present in both frames
    /// or the points are degenerate.
    /// </summary>
    public static double ParallaxRatio(IReadOnlyList<Landmark> first, IReadOnlyList<Landmark> last, double width, double height, double faceSize)
        => HomogeneousLeastSquares.MatchedPairsRatio(first, last, width, height, faceSize, MinPoints, withDepth: true, ParallaxRms);

    /// <summary>The RMS parallax (in the target points' units) of the plane + face-depth fit mapping (sx, sy) to (tx, ty); the spans are modified.</summary>
    public static double ParallaxRms(Span<double> sx, Span<double> sy, Span<double> tx, Span<double> ty, Span<double> z)
    {
        var n = sx.Length;
        if (!HomogeneousLeastSquares.Normalize(sx, sy, out _) || !HomogeneousLeastSquares.Normalize(tx, ty, out var targetScale) || !Standardize(z))
        {
            return double.NaN;
        }

        Span<double> m = stackalloc double[Unknowns * Unknowns];
        m.Clear();
        Span<double> row = stackalloc double[Unknowns];
        for (var i = 0; i < n; i++)
        {
            double x = sx[i], y = sy[i], u = tx[i], v = ty[i];
            row.Clear();
            row[0] = x; row[1] = y; row[2] = 1;
            row[6] = -u * x; row[7] = -u * y; row[8] = -u;
            row[9] = z[i];
            HomogeneousLeastSquares.Accumulate(m, row, Unknowns);
            row.Clear();
            row[3] = x; row[4] = y; row[5] = 1;
            row[6] = -v * x; row[7] = -v * y; row[8] = -v;
            row[10] = z[i];
            HomogeneousLeastSquares.Accumulate(m, row, Unknowns);
        }

        Span<double> h = stackalloc double[Unknowns];
        HomogeneousLeastSquares.SmallestEigenvector(m, h, Unknowns, MaxSweeps);
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = (h[6] * sx[i]) + (h[7] * sy[i]) + h[8];
            if (Math.Abs(w) < 1e-12)
            {
                return double.NaN;
            }

            var pu = h[9] * z[i] / w;
            var pv = h[10] * z[i] / w;
            sum += (pu * pu) + (pv * pv);
        }

        return Math.Sqrt(sum / n) / targetScale;
    }

    /// <summary>
    /// The depth of a landmark type in the generic face, in the model's units (larger is nearer the camera), or false
    /// for the types left out (the jawline, whose landmarks slide along the silhouette, and the pupils, which repeat the eye centres).
    /// </summary>
    public static bool TryDepth(LandmarkType type, out double depth)
    {
        depth = type switch
        {
            LandmarkType.Nose => 8.3,
            LandmarkType.NoseLeft or LandmarkType.NoseRight => 6.17,
            LandmarkType.LeftEyeBrowRight or LandmarkType.RightEyeBrowLeft => 6.9,
            LandmarkType.LeftEyeBrowUp or LandmarkType.RightEyeBrowUp => 6.0,
            LandmarkType.LeftEyeBrowLeft or LandmarkType.RightEyeBrowRight => 4.4,
            LandmarkType.LeftEyeLeft or LandmarkType.RightEyeRight => 3.99,
            LandmarkType.LeftEyeRight or LandmarkType.RightEyeLeft => 4.41,
            LandmarkType.LeftEyeUp or LandmarkType.RightEyeUp => 4.4,
            LandmarkType.LeftEyeDown or LandmarkType.RightEyeDown => 4.1,
            LandmarkType.EyeLeft or LandmarkType.EyeRight => 4.2,
            LandmarkType.MouthLeft or LandmarkType.MouthRight => 5.05,
            LandmarkType.MouthUp => 6.4,
            LandmarkType.MouthDown => 6.1,
            LandmarkType.ChinBottom => 4.07,
            _ => double.NaN,
        };
        return !double.IsNaN(depth);
    }

    private static bool Standardize(Span<double> z)
    {
        var mean = 0.0;
        foreach (var v in z)
        {
            mean += v;
        }

        mean /= z.Length;
        var variance = 0.0;
        foreach (var v in z)
        {
            variance += (v - mean) * (v - mean);
        }

        var sd = Math.Sqrt(variance / z.Length);
        if (!(sd > 1e-12))
        {
            return false;
        }

        for (var i = 0; i < z.Length; i++)
        {
            z[i] = (z[i] - mean) / sd;
        }

        return true;
    }
}
