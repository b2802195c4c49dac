namespace FaceVerify.Testing;

/// <summary>
/// Frame sequences for the built-in <see cref="NoseTargetChallenge"/>, made for one session's
/// <see cref="NoseChallengeParameters"/>: a genuine user, and the classic attacks. Each is what the analyzer would
/// report for the camera frames, 200 ms apart by default. The sequences assume parameters made by
/// <see cref="NoseTargetChallenge"/> for frames at least 480 px high (480×480, 640×480 or larger): the face is sized from
/// the area box so that it fills about a quarter of it, and the nose starts at the frame centre.
/// <list type="table">
/// <listheader><term>sequence</term><description>outcome with default options</description></listheader>
/// <item><term><see cref="Genuine"/></term><description>Passed, at the last frame</description></item>
/// <item><term><see cref="RigidPhoto"/></term><description><see cref="ChallengeReason.InsufficientLandmarkMovement"/>, at the last frame</description></item>
/// <item><term><see cref="StaticFace"/></term><description><see cref="ChallengeReason.StateTimeout"/> in the nose state</description></item>
/// <item><term><see cref="SecondPersonAppears"/></term><description><see cref="ChallengeReason.MultipleFaces"/>, where the second face appears</description></item>
/// <item><term><see cref="ReplayedFrom"/> a session with the target on the other side</term><description>undecided: <see cref="ChallengeReason.ChallengeNotCompleted"/></description></item>
/// <item><term><see cref="TurnedAway"/></term><description><see cref="ChallengeReason.TurnedAwayFromTarget"/>, at the last frame</description></item>
/// <item><term><see cref="Zigzag"/></term><description><see cref="ChallengeReason.TrajectoryNotSmooth"/>, at the last frame</description></item>
/// </list>
/// </summary>
public static class NoseSequences
{
    /// <summary>The default number of frames of a path from the centre into the target.</summary>
    public const int DefaultPathFrames = 10;

    /// <summary>The default head turn (yaw, degrees) of a genuine user when the nose reaches the target.</summary>
    public const double DefaultFinalYaw = 15;

    /// <summary>
    /// A real user: the face is centred in the area box, then the nose moves along a smooth (straight) path into the
    /// target while the head turns progressively towards it, up to <paramref name="finalYaw"/>, so the central
    /// landmarks (nose, mouth, inner eyes and brows) shift inside the face as they do on a turning head. The nose first
    /// enters the target box on the last frame, so the challenge decides there: the path is smooth, the head is turned
    /// more than 5° towards the target, and the landmark layout moved (histogram distance about 0.105 for 15°, above the
    /// 0.075 required of a turned head).
    /// </summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frames">How many frames the path takes (at least 4). Default: <see cref="DefaultPathFrames"/>.</param>
    /// <param name="finalYaw">The head turn at the target, in degrees (its sign is chosen towards the target). Default: <see cref="DefaultFinalYaw"/>.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence Genuine(NoseChallengeParameters parameters, int frames = DefaultPathFrames, double finalYaw = DefaultFinalYaw, TimeSpan? interval = null)
        => Path(new NosePath(parameters), frames, interval, (path, f) => path.TurningFace(f, Math.Abs(finalYaw) * f * path.TowardsTarget, NosePath.FaceWidthRatio, NosePath.FaceHeightRatio));

    /// <summary>
    /// A printed photo (or a phone screen) held up and slid across the camera: the whole face is translated rigidly so
    /// that the nose reaches the target, with no head turn and no change of the landmark layout. The path is as smooth
    /// as a genuine one and the face stays in the area, so it is the landmark check that refuses it.
    /// </summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frames">How many frames the path takes (at least 4). Default: <see cref="DefaultPathFrames"/>.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence RigidPhoto(NoseChallengeParameters parameters, int frames = DefaultPathFrames, TimeSpan? interval = null)
        => Path(new NosePath(parameters), frames, interval, (path, f) => path.TurningFace(f, 0, NosePath.FaceWidthRatio, NosePath.FaceHeightRatio));

    /// <summary>A face (a photo, or a user who does nothing) centred in the area box that never moves, for <paramref name="duration"/>.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="duration">How long the frames keep coming. Default: 12 seconds, beyond the default 10-second state timeout.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence StaticFace(NoseChallengeParameters parameters, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var path = new NosePath(parameters);
        var sequence = FrameSequence.Create(parameters.ImageWidth, parameters.ImageHeight, interval);
        var face = path.TurningFace(0, 0, NosePath.FaceWidthRatio, NosePath.FaceHeightRatio).Build();
        var until = duration ?? TimeSpan.FromSeconds(12);
        do
        {
            sequence = sequence.Add(face);
        }
        while (sequence.Duration + sequence.Interval <= until);

        return sequence;
    }

    /// <summary>A genuine path during which a second person steps into view (at the top left of the frame) from frame <paramref name="atFrame"/> on.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="atFrame">The first frame with two faces (after the first, so the face state has already seen one face). Default: 5, mid-path.</param>
    /// <param name="frames">How many frames the path takes. Default: <see cref="DefaultPathFrames"/>.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence SecondPersonAppears(NoseChallengeParameters parameters, int atFrame = 5, int frames = DefaultPathFrames, TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atFrame, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(atFrame, frames);
        var intruder = Face.At(0.02, 0.02, 0.15, 0.2).Turned(-20).Build();
        return Genuine(parameters, frames, DefaultFinalYaw, interval).WithFaceAddedFrom(atFrame, intruder);
    }

    /// <summary>
    /// The frames of a genuine session recorded for <paramref name="recordedSession"/>'s parameters, to be replayed
    /// into another session. Against a session whose target is elsewhere the nose goes to the wrong place; see
    /// <see cref="OtherSession"/> for a session with the target on the other side.
    /// </summary>
    /// <param name="recordedSession">The parameters of the session the frames were recorded in.</param>
    /// <param name="frames">How many frames the path takes. Default: <see cref="DefaultPathFrames"/>.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence ReplayedFrom(NoseChallengeParameters recordedSession, int frames = DefaultPathFrames, TimeSpan? interval = null)
        => Genuine(recordedSession, frames, DefaultFinalYaw, interval);

    /// <summary>The parameters of another session on the same frame size, with the target mirrored to the other side of the centre (left ↔ right, above ↔ below).</summary>
    /// <param name="parameters">This session's parameters.</param>
    /// <returns>The other session's parameters.</returns>
    public static NoseChallengeParameters OtherSession(NoseChallengeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters with
        {
            NoseLeft = parameters.ImageWidth - parameters.NoseLeft - parameters.NoseWidth,
            NoseTop = parameters.ImageHeight - parameters.NoseTop - parameters.NoseHeight,
        };
    }

    /// <summary>The nose reaches the target along a smooth path, but the head turns away from the target (by <paramref name="finalYaw"/>).</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frames">How many frames the path takes. Default: <see cref="DefaultPathFrames"/>.</param>
    /// <param name="finalYaw">The head turn away from the target at the end, in degrees (more than 5). Default: 10.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence TurnedAway(NoseChallengeParameters parameters, int frames = DefaultPathFrames, double finalYaw = 10, TimeSpan? interval = null)
        => Path(new NosePath(parameters), frames, interval, (path, f) => path.TurningFace(f, -Math.Abs(finalYaw) * f * path.TowardsTarget, NosePath.NarrowFaceWidthRatio, NosePath.NarrowFaceHeightRatio));

    /// <summary>A genuine head turn whose nose path jumps up and down by 4 % of the frame height on alternate frames before reaching the target: not a smooth curve.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frames">How many frames the path takes. Default: <see cref="DefaultPathFrames"/>.</param>
    /// <param name="interval">The time between frames. Default: 200 ms.</param>
    /// <returns>The frames.</returns>
    public static FrameSequence Zigzag(NoseChallengeParameters parameters, int frames = DefaultPathFrames, TimeSpan? interval = null)
    {
        var path = new NosePath(parameters);
        var index = 0;
        return Path(path, frames, interval, (p, f) =>
        {
            var jump = f >= 1 ? 0 : (index++ % 2 == 0 ? 1 : -1) * 0.04;
            return p.TurningFace(f, DefaultFinalYaw * f * p.TowardsTarget, NosePath.FaceWidthRatio, NosePath.FaceHeightRatio).Moved(0, jump);
        });
    }

    private static FrameSequence Path(NosePath path, int frames, TimeSpan? interval, Func<NosePath, double, FaceBuilder> faceAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 4);
        var sequence = FrameSequence.Create(path.Width, path.Height, interval);
        foreach (var f in path.Fractions(frames))
        {
            sequence = sequence.Add(faceAt(path, f).Build());
        }

        return sequence;
    }
}
