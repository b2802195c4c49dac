namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// Noise-free landmarks of a generic 3D face (the 14-point anthropometric model the local engine's pose estimate uses,
/// completed for the brow tops, eye lids, eye centres, nose tip and lips with the depths of
/// <see cref="FaceDepthParallaxFit.TryDepth"/>), turned about a vertical axis 0.65 face widths behind the nose tip and
/// projected by a pinhole camera of focal 0.8 × frame width, as the corpus renderer (tools/local-aws/corpus) places a head.
/// </summary>
internal static class GenericFace
{
    // Face box width in model units (the brow ends are ±6.83 apart) and the rotation axis's depth (0.65 face widths behind the nose tip).
    private const double FaceWidth = 15;
    private const double NoseDepth = 8.3;
    private const double PivotDepth = NoseDepth - (0.65 * FaceWidth);

    // x to the image's right, y down, depth towards the camera (model units).
    private static readonly (LandmarkType Type, double X, double Y, double Z)[] Points =
    [
        (LandmarkType.LeftEyeBrowLeft, -6.83, -6.76, 4.40),
        (LandmarkType.LeftEyeBrowRight, -1.33, -7.12, 6.90),
        (LandmarkType.LeftEyeBrowUp, -4.2, -7.9, 6.0),
        (LandmarkType.RightEyeBrowLeft, 1.33, -7.12, 6.90),
        (LandmarkType.RightEyeBrowRight, 6.83, -6.76, 4.40),
        (LandmarkType.RightEyeBrowUp, 4.2, -7.9, 6.0),
        (LandmarkType.LeftEyeLeft, -5.31, -5.49, 3.99),
        (LandmarkType.LeftEyeRight, -1.79, -5.39, 4.41),
        (LandmarkType.LeftEyeUp, -3.55, -6.0, 4.4),
        (LandmarkType.LeftEyeDown, -3.55, -4.9, 4.1),
        (LandmarkType.EyeLeft, -3.55, -5.44, 4.2),
        (LandmarkType.RightEyeLeft, 1.79, -5.39, 4.41),
        (LandmarkType.RightEyeRight, 5.31, -5.49, 3.99),
        (LandmarkType.RightEyeUp, 3.55, -6.0, 4.4),
        (LandmarkType.RightEyeDown, 3.55, -4.9, 4.1),
        (LandmarkType.EyeRight, 3.55, -5.44, 4.2),
        (LandmarkType.NoseLeft, -2.01, -1.41, 6.17),
        (LandmarkType.NoseRight, 2.01, -1.41, 6.17),
        (LandmarkType.Nose, 0, -2.3, NoseDepth),
        (LandmarkType.MouthLeft, -2.77, 2.08, 5.05),
        (LandmarkType.MouthRight, 2.77, 2.08, 5.05),
        (LandmarkType.MouthUp, 0, 1.2, 6.4),
        (LandmarkType.MouthDown, 0, 3.12, 6.1),
        (LandmarkType.ChinBottom, 0, 7.42, 4.07),
    ];

    /// <summary>
    /// The face turned by <paramref name="yawDegrees"/> (positive: nose towards the image's right) in a frame of
    /// <paramref name="width"/>×<paramref name="height"/>, its box <paramref name="facePx"/> pixels wide at rest, the
    /// nose tip at the frame centre at rest and moved sideways so that it ends <paramref name="noseOffsetPx"/> pixels right
    /// of the centre (0: no slide, the turn alone).
    /// </summary>
    public static FaceDetails Project(int width, int height, double facePx, double yawDegrees, double noseOffsetPx, double? focal = null)
    {
        var f = focal ?? 0.8 * width;
        var distance = (FaceWidth * f / facePx) + NoseDepth; // camera to the depth-0 plane; the nose tip at FaceWidth·f/facePx
        var t = yawDegrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(t), Math.Sin(t));

        (double X, double Y, double Z) Turn(double x, double y, double z)
            => ((x * cos) + ((z - PivotDepth) * sin), y, PivotDepth - (x * sin) + ((z - PivotDepth) * cos));

        var (nx, _, nz) = Turn(0, -2.3, NoseDepth);
        var shift = 0.0;
        if (noseOffsetPx != 0)
        {
            var noseU = f * nx / (distance - nz);
            shift = (noseOffsetPx - noseU) * (distance - nz) / f;
        }

        var (_, ny0, nz0) = (0.0, -2.3, NoseDepth);
        var v0 = (height / 2.0) - (f * ny0 / (distance - nz0));
        var landmarks = new List<Landmark>(Points.Length);
        foreach (var p in Points)
        {
            var (x, y, z) = Turn(p.X, p.Y, p.Z);
            var depth = distance - z;
            var u = (width / 2.0) + (f * (x + shift) / depth);
            var v = v0 + (f * y / depth);
            landmarks.Add(new Landmark(p.Type, u / width, v / height));
        }

        return new FaceDetails
        {
            BoundingBox = new BoundingBox(facePx / width, 1.25 * facePx / height, 0.5 - (facePx / width / 2), 0.3),
            Landmarks = landmarks,
            Confidence = 99,
        };
    }
}
