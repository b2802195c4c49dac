namespace FaceVerify;

/// <summary>
/// The nose state's flat- and bent-object check (see <see cref="NoseChallengeOptions.PlanarMotionCheck"/>): a real head
/// turning towards the target shows the parallax of a face-shaped depth (<see cref="FaceDepthParallaxFit"/>) between the
/// first nose-state frame and the deciding one; a print or a screen, slid, tilted, curved or bump-warped, does not.
/// Chosen and calibrated on the liveness corpus (docs/liveness-evidence.md).
/// </summary>
internal static class FlatObjectCheck
{
    /// <summary>The verdict detail of a session refused by this check.</summary>
    public const string Detail = "The face landmarks moved as a flat or bent surface does (planar motion: no face-shaped depth parallax), not as a turning head.";

    /// <summary>
    /// True when the check is on and the motion from the first nose-state frame to the deciding one shows less
    /// face-depth parallax than <see cref="NoseProgress.MinDepthParallax"/>, or (when <see cref="NoseProgress.MinPlanarResidual"/>
    /// is above 0) one homography explains it within that residual. False when the check is off or cannot measure.
    /// </summary>
    public static bool IsFlat(NoseProgress progress, FaceDetails face, double faceWidthPixels, double faceHeightPixels)
    {
        if (!progress.PlanarMotionCheck || progress.TrajectoryCount < 2)
        {
            return false;
        }

        var first = progress.TrajectoryFaces[0];
        var faceSize = Math.Sqrt(faceWidthPixels * faceHeightPixels);
        if (progress.MinDepthParallax > 0)
        {
            var parallax = FaceDepthParallaxFit.ParallaxRatio(first.Landmarks, face.Landmarks, progress.Width, progress.Height, faceSize);
            if (parallax < progress.MinDepthParallax)
            {
                return true;
            }
        }

        if (progress.MinPlanarResidual > 0)
        {
            var residual = PlanarMotionFit.ResidualRatio(first.Landmarks, face.Landmarks, progress.Width, progress.Height, faceSize);
            if (residual < progress.MinPlanarResidual)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The decisive statistic (face-depth parallax ratio) of nose-state faces, first to last, in a frame of the given size.</summary>
    public static double Statistic(IReadOnlyList<FaceDetails> noseFaces, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(noseFaces);
        if (noseFaces.Count < 2)
        {
            return double.NaN;
        }

        var last = noseFaces[^1];
        var size = Math.Sqrt(last.BoundingBox.Width * width * last.BoundingBox.Height * height);
        return FaceDepthParallaxFit.ParallaxRatio(noseFaces[0].Landmarks, last.Landmarks, width, height, size);
    }
}
