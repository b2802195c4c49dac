namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// A candidate flat/bent-object statistic measured in docs/liveness-evidence.md (not shipped): whether the jawline moves
/// rigidly with the face. On a print, flat or bent, the jaw outline is texture and keeps its depth; on a head it is an
/// occluding contour that slides over the turning surface, so its apparent depth changes with the turn. Per frame, an
/// affine camera plus face-depth parallax is fitted on the inner landmarks (u = a + b·x + c·y + g·z per coordinate);
/// each jaw landmark's residual gives its apparent depth r/g. The statistic: the RMS (pixels / face size) of the
/// deciding frame's jaw residuals minus what the apparent depths of a mid-turn frame predict.
/// </summary>
internal static class JawContourFit
{
    private static readonly LandmarkType[] Jaw = [LandmarkType.UpperJawlineLeft, LandmarkType.MidJawlineLeft, LandmarkType.ChinBottom, LandmarkType.MidJawlineRight, LandmarkType.UpperJawlineRight];

    public static double NonRigidity(IReadOnlyList<FaceDetails> noseFaces, double width, double height)
    {
        if (noseFaces.Count < 3)
        {
            return double.NaN;
        }

        var first = noseFaces[0].Landmarks;
        var fits = noseFaces.Skip(1).Select(f => Fit(first, f.Landmarks, width, height)).ToArray();
        var last = fits[^1];
        if (last is null || !(Math.Abs(last.Value.G) > 1e-9))
        {
            return double.NaN;
        }

        // the mid-turn frame: the one whose parallax coefficient is nearest half the deciding frame's
        var mid = fits[..^1].Where(f => f is not null).OrderBy(f => Math.Abs(Math.Abs(f!.Value.G) - (Math.Abs(last.Value.G) / 2))).FirstOrDefault();
        if (mid is null || !(Math.Abs(mid.Value.G) > 1e-9))
        {
            return double.NaN;
        }

        var sum = 0.0;
        var n = 0;
        foreach (var type in Jaw)
        {
            if (last.Value.JawResidual.TryGetValue(type, out var rT) && mid.Value.JawResidual.TryGetValue(type, out var rM))
            {
                var predicted = last.Value.G * (rM / mid.Value.G);
                sum += (rT - predicted) * (rT - predicted);
                n++;
            }
        }

        var box = noseFaces[^1].BoundingBox;
        return n == 0 ? double.NaN : Math.Sqrt(sum / n) / Math.Sqrt(box.Width * width * box.Height * height);
    }

    // horizontal coordinate only: the turn's parallax is horizontal
    private static (double G, Dictionary<LandmarkType, double> JawResidual)? Fit(IReadOnlyList<Landmark> first, IReadOnlyList<Landmark> last, double width, double height)
    {
        var byType = first.GroupBy(l => l.Type).ToDictionary(g => g.Key, g => g.Last());
        var rows = new List<(double X, double Y, double Z, double U)>();
        var jaw = new List<(LandmarkType Type, double X, double Y, double U)>();
        foreach (var l in last)
        {
            if (!byType.TryGetValue(l.Type, out var s))
            {
                continue;
            }

            if (FaceDepthParallaxFit.TryDepth(l.Type, out var z))
            {
                rows.Add((s.X * width, s.Y * height, z, l.X * width));
            }
            else if (Jaw.Contains(l.Type))
            {
                jaw.Add((l.Type, s.X * width, s.Y * height, l.X * width));
            }
        }

        if (rows.Count < 8)
        {
            return null;
        }

        // normal equations for [1, x, y, z]
        var m = new double[4, 5];
        foreach (var r in rows)
        {
            double[] v = [1, r.X, r.Y, r.Z];
            for (var i = 0; i < 4; i++)
            {
                for (var j = 0; j < 4; j++)
                {
                    m[i, j] += v[i] * v[j];
                }

                m[i, 4] += v[i] * r.U;
            }
        }

        for (var p = 0; p < 4; p++)
        {
            var best = p;
            for (var r = p + 1; r < 4; r++)
            {
                if (Math.Abs(m[r, p]) > Math.Abs(m[best, p]))
                {
                    best = r;
                }
            }

            for (var c = 0; c < 5; c++)
            {
                (m[p, c], m[best, c]) = (m[best, c], m[p, c]);
            }

            for (var r = 0; r < 4; r++)
            {
                if (r != p && m[p, p] != 0)
                {
                    var f = m[r, p] / m[p, p];
                    for (var c = 0; c < 5; c++)
                    {
                        m[r, c] -= f * m[p, c];
                    }
                }
            }
        }

        var b = new double[4];
        for (var p = 0; p < 4; p++)
        {
            b[p] = m[p, p] == 0 ? 0 : m[p, 4] / m[p, p];
        }

        // the jaw's residual from the plane part (a + b·x + c·y) in units where depth contributes g·z
        var residual = jaw.ToDictionary(j => j.Type, j => j.U - (b[0] + (b[1] * j.X) + (b[2] * j.Y)));
        return (b[3], residual);
    }
}
