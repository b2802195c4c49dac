namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// A candidate flat/bent-object statistic measured in docs/liveness-evidence.md (not shipped): the part of the face's
/// depth that no smooth (quadratic) surface explains — the nose tip in front of the nostrils, the brows in front of the
/// eyes — and how much of the landmarks' motion it explains. Model per coordinate (ordinary least squares, affine camera):
/// target = a + b·x + c·y + d·x² + e·xy + f·y² + g·z⊥, with (x, y) the first frame's landmarks and z⊥ the generic face
/// depth (<see cref="FaceDepthParallaxFit.TryDepth"/>) with its quadratic-surface part removed. A print bent around a
/// cylinder or a bump moves as a quadratic surface does; a head's nose and brows do not. The statistic is the RMS of
/// the fitted g·z⊥ term over both coordinates, as a ratio of the face size.
/// </summary>
internal static class QuadraticSurfaceFit
{
    private const int Basis = 6;

    public static double FaceSpecificParallax(IReadOnlyList<Landmark> first, IReadOnlyList<Landmark> last, double width, double height, double faceSize)
    {
        Span<double> sx = stackalloc double[64];
        Span<double> sy = stackalloc double[64];
        Span<double> tx = stackalloc double[64];
        Span<double> ty = stackalloc double[64];
        Span<double> z = stackalloc double[64];
        var n = HomogeneousLeastSquares.MatchPixelPairs(first, last, width, height, sx, sy, tx, ty, z);
        if (n < 10 || !(faceSize > 0))
        {
            return double.NaN;
        }

        double cx = 0, cy = 0;
        for (var i = 0; i < n; i++)
        {
            cx += sx[i];
            cy += sy[i];
        }

        cx /= n;
        cy /= n;
        var spread = 0.0;
        for (var i = 0; i < n; i++)
        {
            spread += ((sx[i] - cx) * (sx[i] - cx)) + ((sy[i] - cy) * (sy[i] - cy));
        }

        spread = Math.Sqrt(spread / n);
        var design = new double[n, Basis + 1];
        for (var i = 0; i < n; i++)
        {
            var x = (sx[i] - cx) / spread;
            var y = (sy[i] - cy) / spread;
            design[i, 0] = 1;
            design[i, 1] = x;
            design[i, 2] = y;
            design[i, 3] = x * x;
            design[i, 4] = x * y;
            design[i, 5] = y * y;
        }

        var zPerp = LeastSquaresResidual(design, Basis, z[..n].ToArray(), out _);
        var zPerpSquares = zPerp.Sum(v => v * v);
        for (var i = 0; i < n; i++)
        {
            design[i, Basis] = zPerp[i];
        }

        LeastSquaresResidual(design, Basis + 1, tx[..n].ToArray(), out var bu);
        LeastSquaresResidual(design, Basis + 1, ty[..n].ToArray(), out var bv);
        return Math.Sqrt(((bu[Basis] * bu[Basis]) + (bv[Basis] * bv[Basis])) * zPerpSquares / n) / faceSize;
    }

    // Ordinary least squares of y on the first k columns of a (normal equations, Gauss-Jordan with partial pivoting): the residual and the coefficients.
    private static double[] LeastSquaresResidual(double[,] a, int k, double[] y, out double[] b)
    {
        var n = y.Length;
        var m = new double[k, k + 1];
        for (var r = 0; r < k; r++)
        {
            for (var c = 0; c < k; c++)
            {
                var sum = 0.0;
                for (var i = 0; i < n; i++)
                {
                    sum += a[i, r] * a[i, c];
                }

                m[r, c] = sum;
            }

            var sy = 0.0;
            for (var i = 0; i < n; i++)
            {
                sy += a[i, r] * y[i];
            }

            m[r, k] = sy;
        }

        for (var p = 0; p < k; p++)
        {
            var best = p;
            for (var r = p + 1; r < k; r++)
            {
                if (Math.Abs(m[r, p]) > Math.Abs(m[best, p]))
                {
                    best = r;
                }
            }

            for (var c = 0; c <= k; c++)
            {
                (m[p, c], m[best, c]) = (m[best, c], m[p, c]);
            }

            for (var r = 0; r < k; r++)
            {
                if (r == p || m[p, p] == 0)
                {
                    continue;
                }

                var f = m[r, p] / m[p, p];
                for (var c = 0; c <= k; c++)
                {
                    m[r, c] -= f * m[p, c];
                }
            }
        }

        b = new double[k];
        for (var p = 0; p < k; p++)
        {
            b[p] = m[p, p] == 0 ? 0 : m[p, k] / m[p, p];
        }

        var residual = new double[n];
        for (var i = 0; i < n; i++)
        {
            var fitted = 0.0;
            for (var c = 0; c < k; c++)
            {
                fitted += a[i, c] * b[c];
            }

            residual[i] = y[i] - fitted;
        }

        return residual;
    }
}
