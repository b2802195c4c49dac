namespace FaceVerify;

/// <summary>The nose challenge's states (reference nose.py:55-191, with the fixes listed in docs/challenges.md).</summary>
internal sealed class NoseStateMachine : StateMachineChallenge<NoseChallengeParameters, NoseProgress>
{
    public const int FaceState = 0;
    public const int AreaState = 1;
    public const int NoseState = 2;

    private readonly NoseChallengeOptions _options;

    public NoseStateMachine(NoseChallengeOptions options)
        : base(NoseTargetChallenge.TypeName, CreateStates(options))
    {
        _options = options;
    }

    protected override NoseChallengeParameters GenerateParameters(in ChallengeParametersArguments arguments)
        => NoseGeometry.Generate(arguments.FrameWidth, arguments.FrameHeight, arguments.Random);

    protected override NoseProgress CreateScratch(NoseChallengeParameters parameters, in ChallengeEvaluatorArguments arguments)
    {
        NoseGeometry.EnsureFits(parameters.ImageWidth, parameters.ImageHeight, nameof(parameters));
        if ((arguments.FrameWidth != 0 || arguments.FrameHeight != 0)
            && (arguments.FrameWidth != parameters.ImageWidth || arguments.FrameHeight != parameters.ImageHeight))
        {
            throw new ArgumentException(
                $"The nose parameters were made for {parameters.ImageWidth}×{parameters.ImageHeight} frames, but the session's frames are {arguments.FrameWidth}×{arguments.FrameHeight}.",
                nameof(arguments));
        }

        if (parameters.AreaWidth <= 0 || parameters.AreaHeight <= 0 || parameters.NoseWidth <= 0 || parameters.NoseHeight <= 0)
        {
            throw new ArgumentException("The nose parameters' area and nose boxes must have a positive size.", nameof(parameters));
        }

        return new NoseProgress(parameters, _options);
    }

    // The sparse analysis strategy's view (docs/performance.md, "Sparse analysis"): the face and area states are
    // sampled every SetupSampleInterval (entering the nose state late would move the first landmark histogram); in the
    // nose state the outcome changes only when the nose reaches the target, so the demand predicts that moment from the
    // last two trajectory points and samples at most every SampleInterval until then.
    protected internal override FrameDemand GetFrameDemand(in StateContext<NoseChallengeParameters, NoseProgress> context)
    {
        var progress = context.Scratch;
        if (context.State == AreaState)
        {
            // The area state moves on at the first frame whose face box fits the area: a face that fits it for a single
            // frame between two samples is found only by analysing every frame (the corpus has such flickers), and the
            // first nose-state frame is the landmark reference. A user who is already in place spends no frame here.
            return FrameDemand.EveryFrame;
        }

        if (context.State != NoseState)
        {
            // The first frame of the next state (for the nose state, the landmark reference) must be the one every-frame
            // analysis finds: the strategy confirms the frames skipped before a state change.
            return FrameDemand.Sample(NoseDemand.SetupSampleInterval).FindingFirstDecidingFrame();
        }

        // The verdict is read at the deciding frame (trajectory fit, landmark movement): the strategy finds the first one.
        return NoseDemand.InNoseState(progress, context.Frame.ReceivedAt).FindingFirstDecidingFrame();
    }

    private static ChallengeState<NoseChallengeParameters, NoseProgress>[] CreateStates(NoseChallengeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var timeout = options.StateTimeout;
        return
        [
            new("face", timeout, Face),
            new("area", timeout, Area),
            new("nose", timeout, Nose),
        ];
    }

    // face_state: exactly one face (fix 25: with at least MinFaceConfidence) → area; anything else → wait.
    private static StateResult Face(in StateContext<NoseChallengeParameters, NoseProgress> context)
    {
        var faces = context.Frame.Faces;
        return faces.Count == 1 && faces[0].Confidence >= context.Scratch.MinFaceConfidence
            ? StateResult.Next(AreaState)
            : StateResult.Continue;
    }

    // area_state: the face box inside the area box, at least 20 % of its area → nose.
    private static StateResult Area(in StateContext<NoseChallengeParameters, NoseProgress> context)
    {
        var progress = context.Scratch;
        if (!TrySingleFace(context.Frame, progress, out var face, out var result))
        {
            return result;
        }

        if (!FaceBoxInside(progress, face, progress.AreaLeft, progress.AreaTop, progress.AreaRight, progress.AreaBottom, out var w, out var h))
        {
            return StateResult.Continue;
        }

        return (w * h * 100 / progress.AreaArea) + NoseGeometry.MinFaceAreaPercentTolerance >= progress.MinFaceAreaPercent
            ? StateResult.Next(NoseState)
            : StateResult.Continue;
    }

    // nose_state: stay in the 5 %-tolerant area; the first frame whose nose tip is in the 42 px box decides with the
    // trajectory smoothness, then the landmark movement against the first nose-state frame, adjusted for head turn.
    private static StateResult Nose(in StateContext<NoseChallengeParameters, NoseProgress> context)
    {
        var progress = context.Scratch;
        if (!TrySingleFace(context.Frame, progress, out var face, out var result))
        {
            return result;
        }

        if (!face.TryGetLandmark(LandmarkType.Nose, out var nose))
        {
            return CountFrameWithoutFace(progress);
        }

        if (!progress.HasOriginal)
        {
            LandmarkHistogram.Compute(face.Landmarks, progress.Width, progress.Height, progress.OriginalHistogram);
            progress.HasOriginal = true;
            progress.OriginalLandmarks = face.Landmarks;
        }

        if (!FaceBoxInside(progress, face, progress.TolerantLeft, progress.TolerantTop, progress.TolerantRight, progress.TolerantBottom, out var w, out var h))
        {
            return StateResult.Fail(ChallengeReason.FaceOutsideArea, "The face left the area box (5 % tolerance) during the nose state.");
        }

        var count = progress.TrajectoryCount;
        if (count == progress.TrajectoryX.Length)
        {
            return StateResult.Fail(ChallengeReason.ChallengeNotCompleted, "The nose trajectory reached its capacity before the nose reached the target.");
        }

        progress.TrajectoryX[count] = nose.X;
        progress.TrajectoryY[count] = nose.Y;
        progress.TrajectoryTicks[count] = context.Frame.ReceivedAt.UtcTicks;
        progress.TrajectoryFaces[count] = face;
        progress.TrajectoryCount = ++count;

        var noseX = progress.Width * nose.X;
        var noseY = progress.Height * nose.Y;
        if (!(progress.NoseBoxLeft <= noseX && noseX <= progress.NoseBoxRight && progress.NoseBoxTop <= noseY && noseY <= progress.NoseBoxBottom))
        {
            return StateResult.Continue;
        }

        // Fix 13: fewer than 4 points cannot measure a parabola's residual (the reference crashed); wait for more.
        if (count < NoseGeometry.MinTrajectoryPoints)
        {
            return StateResult.Continue;
        }

        var error = Math.Sqrt(TrajectoryFit.SumOfSquaredResiduals(progress.TrajectoryX.AsSpan(0, count), progress.TrajectoryY.AsSpan(0, count), out _) / count);
        if (error > NoseGeometry.TrajectoryErrorThreshold)
        {
            return StateResult.Fail(ChallengeReason.TrajectoryNotSmooth, "The nose did not move along a smooth curve.");
        }

        var distance = LandmarkHistogram.Distance(progress.OriginalHistogram, face.Landmarks, progress.Width, progress.Height);
        var yaw = face.Pose.Yaw;
        var rotatedRight = yaw > NoseGeometry.RotationThreshold;
        var rotatedLeft = yaw < -NoseGeometry.RotationThreshold;
        double minDistance;
        if ((rotatedRight && progress.TargetOnTheRight) || (rotatedLeft && !progress.TargetOnTheRight))
        {
            minDistance = NoseGeometry.MinDist * NoseGeometry.MinDistFactorRotated;
        }
        else if (!rotatedRight && !rotatedLeft)
        {
            minDistance = NoseGeometry.MinDist * NoseGeometry.MinDistFactorNotRotated;
        }
        else
        {
            return StateResult.Fail(ChallengeReason.TurnedAwayFromTarget, "The head turned away from the nose target.");
        }

        if (FlatObjectCheck.IsFlat(progress, face, w, h))
        {
            return StateResult.Fail(ChallengeReason.InsufficientLandmarkMovement, FlatObjectCheck.Detail);
        }

        return distance > minDistance
            ? StateResult.Pass
            : StateResult.Fail(ChallengeReason.InsufficientLandmarkMovement, "The face landmarks did not move as a real head turning does.");
    }

    // The face box in pixels (its width and height out), and whether it lies inside the box left, top, right, bottom.
    private static bool FaceBoxInside(NoseProgress progress, FaceDetails face, double left, double top, double right, double bottom, out double width, out double height)
    {
        var box = face.BoundingBox;
        var x = progress.Width * box.Left;
        var y = progress.Height * box.Top;
        width = progress.Width * box.Width;
        height = progress.Height * box.Height;
        return left <= x && top <= y && right >= x + width && bottom >= y + height;
    }

    private static bool TrySingleFace(in AnalyzedFrame frame, NoseProgress progress, out FaceDetails face, out StateResult result)
    {
        var faces = frame.Faces;
        if (faces.Count == 1)
        {
            face = faces[0];
            result = StateResult.Continue;
            return true;
        }

        face = null!;
        result = faces.Count > 1
            ? StateResult.Fail(ChallengeReason.MultipleFaces, "More than one face appeared after the face state.")
            : CountFrameWithoutFace(progress);
        return false;
    }

    private static StateResult CountFrameWithoutFace(NoseProgress progress)
        => ++progress.FramesWithoutFace > progress.MaxFramesWithoutFace
            ? StateResult.Fail(ChallengeReason.FaceNotFound, "Too many frames without a face after the face state.")
            : StateResult.Continue;
}
