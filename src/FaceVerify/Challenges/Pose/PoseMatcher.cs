namespace FaceVerify;

/// <summary>Judges one frame against one requested pose (reference pose.py:34-139, with both pupils required for a gaze).</summary>
internal static class PoseMatcher
{
    public const double MinConfidence = 90;
    public const double MaxRotation = 20;
    public const double EyeDirectionAreaMultiplier = 1.2;

    /// <summary>Why the frame does not show <paramref name="pose"/>, or <see cref="ChallengeReason.None"/> when it does.</summary>
    public static ChallengeReason Match(IReadOnlyList<FaceDetails> faces, RequestedPose pose)
    {
        if (faces.Count == 0)
        {
            return ChallengeReason.FaceNotFound;
        }

        if (faces.Count > 1)
        {
            return ChallengeReason.MultipleFaces;
        }

        var face = faces[0];
        if (face.Confidence < MinConfidence)
        {
            return ChallengeReason.LowConfidence;
        }

        var p = face.Pose;
        if (Math.Abs(p.Roll) > MaxRotation || Math.Abs(p.Yaw) > MaxRotation || Math.Abs(p.Pitch) > MaxRotation)
        {
            return ChallengeReason.HeadRotated;
        }

        if (!EyesMatch(face, pose.Eyes))
        {
            return ChallengeReason.EyesMismatch;
        }

        return MouthMatches(face, pose.Mouth) ? ChallengeReason.None : ChallengeReason.MouthMismatch;
    }

    /// <summary>The gaze of one eye: <see cref="PoseEyes.LookingLeft"/>, <see cref="PoseEyes.LookingRight"/>, <see cref="PoseEyes.Open"/> (centre), or <see langword="null"/> when a landmark is missing.</summary>
    public static PoseEyes? EyeDirection(FaceDetails face, LandmarkType leftCorner, LandmarkType rightCorner, LandmarkType pupil)
    {
        if (!face.TryGetLandmark(leftCorner, out var left) || !face.TryGetLandmark(rightCorner, out var right) || !face.TryGetLandmark(pupil, out var centre))
        {
            return null;
        }

        var third = (right.X - left.X) / 3;
        if (centre.X <= left.X + (third * EyeDirectionAreaMultiplier))
        {
            return PoseEyes.LookingLeft;
        }

        return centre.X >= right.X - (third * EyeDirectionAreaMultiplier) ? PoseEyes.LookingRight : PoseEyes.Open;
    }

    private static bool EyesMatch(FaceDetails face, PoseEyes expected)
    {
        if (face.EyesOpen is not { } eyesOpen || eyesOpen.Value == (expected == PoseEyes.Closed))
        {
            return false;
        }

        if (expected is not (PoseEyes.LookingLeft or PoseEyes.LookingRight))
        {
            return true;
        }

        // Fix: the reference failed only on the opposite gaze, so a centred gaze passed LOOKING_LEFT/RIGHT. Both pupils must be in the band.
        return EyeDirection(face, LandmarkType.LeftEyeLeft, LandmarkType.LeftEyeRight, LandmarkType.LeftPupil) == expected
            && EyeDirection(face, LandmarkType.RightEyeLeft, LandmarkType.RightEyeRight, LandmarkType.RightPupil) == expected;
    }

    private static bool MouthMatches(FaceDetails face, PoseMouth expected)
    {
        if (face.Smile is not { } smile || face.MouthOpen is not { } open)
        {
            return false;
        }

        return expected == PoseMouth.Smile ? smile.Value && open.Value : !smile.Value && !open.Value;
    }

    /// <summary>Whether one face can show both poses at once (then a sequence step from one to the other would need no change).</summary>
    public static bool AreCompatible(RequestedPose a, RequestedPose b)
    {
        if (a.Mouth != b.Mouth)
        {
            return false;
        }

        return a.Eyes == b.Eyes
            || (a.Eyes == PoseEyes.Open && b.Eyes is (PoseEyes.LookingLeft or PoseEyes.LookingRight))
            || (b.Eyes == PoseEyes.Open && a.Eyes is (PoseEyes.LookingLeft or PoseEyes.LookingRight));
    }
}
