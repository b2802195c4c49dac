using System.Buffers;

namespace FaceVerify;

/// <summary>
/// Least-squares fit of <c>y = a·x² + b·x + c</c>, as numpy <c>polyfit(x, y, 2)</c> (column-scaled Vandermonde
/// matrix, singular values at or below <c>n·eps·σmax</c> treated as zero), computed with a one-sided Jacobi SVD.
/// Where numpy returns no residual (rank &lt; 3), this returns the residual of the best fit in the reduced column
/// space, i.e. the best lower-degree polynomial (a constant when all X are equal). Allocation-free up to 256 points.
/// </summary>
internal static class TrajectoryFit
{
    private const int StackLimit = 256;

    /// <summary>The sum of squared residuals of the fit, and the numerical rank of the design matrix.</summary>
    public static double SumOfSquaredResiduals(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out int rank)
        => SumOfSquaredResiduals(x, y, out rank, out _);

    /// <summary>As <see cref="SumOfSquaredResiduals(ReadOnlySpan{double}, ReadOnlySpan{double}, out int)"/>, also reporting the Jacobi sweeps used.</summary>
    public static double SumOfSquaredResiduals(ReadOnlySpan<double> x, ReadOnlySpan<double> y, out int rank, out int sweeps)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        var n = x.Length;
        rank = 0;
        sweeps = 0;
        if (n == 0)
        {
            return 0;
        }

        double[]? rented = null;
        var buffer = n <= StackLimit ? stackalloc double[4 * n] : (rented = ArrayPool<double>.Shared.Rent(4 * n));
        try
        {
            var c0 = buffer.Slice(0, n);
            var c1 = buffer.Slice(n, n);
            var c2 = buffer.Slice(2 * n, n);
            var residual = buffer.Slice(3 * n, n);
            for (var i = 0; i < n; i++)
            {
                c0[i] = x[i] * x[i];
                c1[i] = x[i];
                c2[i] = 1;
                residual[i] = y[i];
            }

            Normalize(c0);
            Normalize(c1);
            Normalize(c2);

            while (sweeps < MaxSweeps)
            {
                sweeps++;
                var rotated = Rotate(c0, c1) | Rotate(c0, c2) | Rotate(c1, c2);
                if (!rotated)
                {
                    break;
                }
            }

            var s0 = Norm(c0);
            var s1 = Norm(c1);
            var s2 = Norm(c2);
            var tolerance = n * Eps * Math.Max(s0, Math.Max(s1, s2));
            rank += Project(residual, c0, s0, tolerance);
            rank += Project(residual, c1, s1, tolerance);
            rank += Project(residual, c2, s2, tolerance);

            var ssr = 0.0;
            for (var i = 0; i < n; i++)
            {
                ssr += residual[i] * residual[i];
            }

            return ssr;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The reference's trajectory error: <c>sqrt(SSR / n)</c>.</summary>
    public static double RootMeanSquareError(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        => x.Length == 0 ? 0 : Math.Sqrt(SumOfSquaredResiduals(x, y, out _) / x.Length);

    /// <summary>Machine epsilon of double (numpy <c>finfo(float64).eps</c>).</summary>
    private const double Eps = 2.220446049250313e-16;

    private const double OrthogonalityTolerance = 1e-15;

    private const int MaxSweeps = 30;

    private static void Normalize(Span<double> column)
    {
        var norm = Norm(column);
        if (norm > 0)
        {
            for (var i = 0; i < column.Length; i++)
            {
                column[i] /= norm;
            }
        }
    }

    private static double Norm(ReadOnlySpan<double> column)
    {
        var sum = 0.0;
        for (var i = 0; i < column.Length; i++)
        {
            sum += column[i] * column[i];
        }

        return Math.Sqrt(sum);
    }

    private static bool Rotate(Span<double> p, Span<double> q)
    {
        double alpha = 0, beta = 0, gamma = 0;
        for (var i = 0; i < p.Length; i++)
        {
            alpha += p[i] * p[i];
            beta += q[i] * q[i];
            gamma += p[i] * q[i];
        }

        // Converged when the columns are orthogonal to a few ulps (a stricter test can oscillate at rounding level).
        if (gamma == 0 || Math.Abs(gamma) <= OrthogonalityTolerance * Math.Sqrt(alpha * beta))
        {
            return false;
        }

        var zeta = (beta - alpha) / (2 * gamma);
        var t = (zeta >= 0 ? 1.0 : -1.0) / (Math.Abs(zeta) + Math.Sqrt(1 + (zeta * zeta)));
        var c = 1 / Math.Sqrt(1 + (t * t));
        var s = c * t;
        for (var i = 0; i < p.Length; i++)
        {
            var a = p[i];
            var b = q[i];
            p[i] = (c * a) - (s * b);
            q[i] = (s * a) + (c * b);
        }

        return true;
    }

    private static int Project(Span<double> residual, ReadOnlySpan<double> column, double sigma, double tolerance)
    {
        if (sigma <= tolerance || sigma == 0)
        {
            return 0;
        }

        var dot = 0.0;
        for (var i = 0; i < residual.Length; i++)
        {
            dot += column[i] * residual[i];
        }

        var coefficient = dot / (sigma * sigma);
        for (var i = 0; i < residual.Length; i++)
        {
            residual[i] -= coefficient * column[i];
        }

        return 1;
    }
}
