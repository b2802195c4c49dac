namespace FaceVerify.Testing;

/// <summary>
/// Frame sequences for the built-in <see cref="PoseChallenge"/>, made for one session's
/// <see cref="PoseChallengeParameters"/>. With default options (two poses, 10 s each):
/// <see cref="Genuine"/> passes on the first frame of the last pose; <see cref="NeutralPhoto"/> fails with
/// <see cref="ChallengeReason.StateTimeout"/> (a neutral face shows at most the first pose, and the next pose is always
/// one it cannot show); <see cref="SecondPersonAppears"/> fails with <see cref="ChallengeReason.MultipleFaces"/>.
/// </summary>
public static class PoseSequences
{
    /// <summary>A frontal face showing <paramref name="pose"/>: eyes open, closed or looking left/right; mouth closed, or smiling with the mouth open.</summary>
    /// <param name="pose">The pose.</param>
    /// <returns>The face builder, to vary further.</returns>
    public static FaceBuilder FaceShowing(RequestedPose pose)
    {
        ArgumentNullException.ThrowIfNull(pose);
        var face = NeutralFace();
        face = pose.Eyes switch
        {
            PoseEyes.Closed => face.EyesClosed(),
            PoseEyes.LookingLeft => face.LookingLeft(),
            PoseEyes.LookingRight => face.LookingRight(),
            _ => face,
        };
        return pose.Mouth == PoseMouth.Smile ? face.Smiling() : face;
    }

    /// <summary>A real user: each requested pose in order, held for <paramref name="framesPerPose"/> frames.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="framesPerPose">How many frames show each pose (at least 1). Default: 2.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence Genuine(PoseChallengeParameters parameters, int framesPerPose = 2, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(framesPerPose, 1);
        var sequence = FrameSequence.Create(parameters.ImageWidth, parameters.ImageHeight, interval);
        foreach (var pose in parameters.Poses)
        {
            sequence = sequence.Repeat(framesPerPose, FaceShowing(pose).Build());
        }

        return sequence;
    }

    /// <summary>A photo of a neutral face (eyes open, mouth closed), held for <paramref name="duration"/>.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="duration">How long the frames keep coming. Default: 12 seconds, beyond the default 10-second pose timeout.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence NeutralPhoto(PoseChallengeParameters parameters, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var sequence = FrameSequence.Create(parameters.ImageWidth, parameters.ImageHeight, interval);
        var face = NeutralFace().Build();
        var until = duration ?? TimeSpan.FromSeconds(12);
        do
        {
            sequence = sequence.Add(face);
        }
        while (sequence.Duration + sequence.Interval <= until);

        return sequence;
    }

    /// <summary>The genuine sequence with a second face in view from frame <paramref name="atFrame"/> on.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="atFrame">The first frame with two faces. Default: 1.</param>
    /// <param name="framesPerPose">How many frames show each pose. Default: 2.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence SecondPersonAppears(PoseChallengeParameters parameters, int atFrame = 1, int framesPerPose = 2)
        => Genuine(parameters, framesPerPose).WithFaceAddedFrom(atFrame, Face.At(0.02, 0.02, 0.15, 0.2).Build());

    private static FaceBuilder NeutralFace() => Face.CenteredAt(0.5, 0.5, 0.35, 0.45);
}
