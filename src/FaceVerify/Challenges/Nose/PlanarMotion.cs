namespace FaceVerify;

/// <summary>The nose state's flat-photo check (see <see cref="NoseChallengeOptions.PlanarMotionCheck"/> and <see cref="PlanarMotionFit"/>).</summary>
internal static class PlanarMotion
{
    /// <summary>The verdict detail of a session refused by this check.</summary>
    public const string Detail = "The face landmarks moved as one flat surface does (planar motion), not as a turning head.";

    /// <summary>
    /// True when the check is on and one homography explains the landmarks' motion from the first nose-state frame to
    /// <paramref name="face"/> within <see cref="NoseProgress.MinPlanarResidual"/> of the face size. False when the
    /// check is off or cannot measure (fewer than <see cref="PlanarMotionFit.MinPoints"/> landmarks in both frames).
    /// </summary>
    public static bool IsPlanar(NoseProgress progress, FaceDetails face, double faceWidthPixels, double faceHeightPixels)
    {
        if (!progress.PlanarMotionCheck || progress.OriginalLandmarks is not { } original)
        {
            return false;
        }

        var ratio = PlanarMotionFit.ResidualRatio(original, face.Landmarks, progress.Width, progress.Height, Math.Sqrt(faceWidthPixels * faceHeightPixels));
        return ratio < progress.MinPlanarResidual;
    }
}
