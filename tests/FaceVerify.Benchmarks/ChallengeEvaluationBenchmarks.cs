using BenchmarkDotNet.Attributes;

namespace FaceVerify.Benchmarks;

/// <summary>
/// Per-frame cost and allocations of the built-in challenges' evaluators, on recorded Rekognition analyses
/// (the unit tests' fixtures). Figures and the command that produced them: docs/performance.md.
/// </summary>
[MemoryDiagnoser]
public class ChallengeEvaluationBenchmarks
{
    /// <summary>Nose-state frames fed per invocation (the trajectory holds 150 points by default).</summary>
    private const int NoseFrames = 140;

    private readonly NoseTargetChallenge _nose = new();
    private readonly PoseChallenge _pose = new();
    private RecordedSession _noseSession = null!;
    private RecordedSession _poseSession = null!;
    private AnalyzedFrame[] _noseStateFrames = null!;
    private IChallengeEvaluator _noseInNoseState = null!;
    private IChallengeEvaluator _noseInAreaState = null!;
    private AnalyzedFrame _faceOutsideArea;
    private IChallengeEvaluator _poseWaiting = null!;
    private AnalyzedFrame _poseMismatch;
    private double[] _trajectoryX8 = null!;
    private double[] _trajectoryY8 = null!;
    private double[] _trajectoryX150 = null!;
    private double[] _trajectoryY150 = null!;
    private double[] _originalHistogram = null!;
    private IReadOnlyList<Landmark> _decisionLandmarks = null!;
    private IReadOnlyList<FaceDetails> _matchingPoseFaces = null!;
    private RequestedPose _matchingPose = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _noseSession = RecordedSession.Load("nose-session.json");
        _poseSession = RecordedSession.Load("pose-session.json");

        // Nose state, nose not yet in the target box: frame 1's analysis, repeated at the same receive time.
        var enter = _noseSession.Frames[1];
        _noseStateFrames = new AnalyzedFrame[NoseFrames];
        for (var i = 0; i < NoseFrames; i++)
        {
            _noseStateFrames[i] = enter with { Sequence = i + 1 };
        }

        // Area state, face not yet inside the area box.
        _noseInAreaState = _nose.CreateEvaluator(new ChallengeEvaluatorArguments(_noseSession.Parameters, 480, 480, RecordedSession.Epoch));
        var face = _noseSession.Frames[0].Faces[0];
        _faceOutsideArea = new AnalyzedFrame(0, RecordedSession.Epoch, [CopyWithLeft(face, 0.05)]);
        _noseInAreaState.Evaluate(_faceOutsideArea);

        // Pose: the sequence's first pose (LOOKING_LEFT/SMILE) against a neutral face: Continue, every frame.
        _poseWaiting = _poseSession.CreateEvaluator(_pose);
        _poseMismatch = _poseSession.Frames[0];
        _poseWaiting.Evaluate(_poseMismatch);

        // The nose decision's two computations, on the recorded path.
        _trajectoryX8 = [.. _noseSession.Frames.Select(f => Nose(f).X)];
        _trajectoryY8 = [.. _noseSession.Frames.Select(f => Nose(f).Y)];
        _trajectoryX150 = [.. Enumerable.Range(0, 150).Select(i => 0.5 + (i * 0.0008))];
        _trajectoryY150 = [.. _trajectoryX150.Select((x, i) => (0.3 * x * x) + (i % 3 * 0.0005))];
        _originalHistogram = new double[LandmarkHistogram.Length];
        LandmarkHistogram.Compute(_noseSession.Frames[0].Faces[0].Landmarks, 480, 480, _originalHistogram);
        _decisionLandmarks = _noseSession.Frames[7].Faces[0].Landmarks;

        _matchingPoseFaces = _poseSession.Frames[1].Faces;
        _matchingPose = new RequestedPose { Eyes = PoseEyes.LookingLeft, Mouth = PoseMouth.Smile };
    }

    [IterationSetup(Target = nameof(NoseFrameInNoseState))]
    public void EnterNoseState()
    {
        _noseInNoseState = _noseSession.CreateEvaluator(_nose);
        _noseInNoseState.Evaluate(_noseSession.Frames[0]);
    }

    /// <summary>A nose-state frame whose nose is not in the target yet: area check, trajectory append, box check.</summary>
    [Benchmark(OperationsPerInvoke = NoseFrames)]
    [InvocationCount(1, 1)]
    public ChallengeVerdict NoseFrameInNoseState()
    {
        var verdict = default(ChallengeVerdict);
        var evaluator = _noseInNoseState;
        var frames = _noseStateFrames;
        for (var i = 0; i < frames.Length; i++)
        {
            verdict = evaluator.Evaluate(frames[i]);
        }

        return verdict;
    }

    /// <summary>An area-state frame whose face is not inside the area box yet.</summary>
    [Benchmark]
    public ChallengeVerdict NoseFrameInAreaState() => _noseInAreaState.Evaluate(_faceOutsideArea);

    /// <summary>The nose decision's trajectory fit over the 8 recorded points (Jacobi SVD of the 8×3 Vandermonde matrix).</summary>
    [Benchmark]
    public double NoseDecisionTrajectoryFit8() => TrajectoryFit.SumOfSquaredResiduals(_trajectoryX8, _trajectoryY8, out _);

    /// <summary>The same fit at the trajectory's capacity, 150 points.</summary>
    [Benchmark]
    public double NoseDecisionTrajectoryFit150() => TrajectoryFit.SumOfSquaredResiduals(_trajectoryX150, _trajectoryY150, out _);

    /// <summary>The nose decision's 3×3 landmark histogram of the 30 recorded landmarks and its distance to the first one.</summary>
    [Benchmark]
    public double NoseDecisionLandmarkDistance() => LandmarkHistogram.Distance(_originalHistogram, _decisionLandmarks, 480, 480);

    /// <summary>A whole recorded nose session: evaluator creation (parameters read from JSON) and its 8 frames, face → area → nose → passed.</summary>
    [Benchmark]
    public ChallengeVerdict NoseWholeSession8Frames()
    {
        var evaluator = _noseSession.CreateEvaluator(_nose);
        var verdict = default(ChallengeVerdict);
        foreach (var frame in _noseSession.Frames)
        {
            verdict = evaluator.Evaluate(frame);
        }

        return verdict;
    }

    /// <summary>A pose frame that does not show the awaited pose (the common case while the user gets ready).</summary>
    [Benchmark]
    public ChallengeVerdict PoseFrameMismatch() => _poseWaiting.Evaluate(_poseMismatch);

    /// <summary>Judging a frame that shows the pose: every check, both gazes.</summary>
    [Benchmark]
    public ChallengeReason PoseFrameMatchAllChecks() => PoseMatcher.Match(_matchingPoseFaces, _matchingPose);

    /// <summary>A whole recorded two-pose session: evaluator creation and its 4 frames.</summary>
    [Benchmark]
    public ChallengeVerdict PoseWholeSession4Frames()
    {
        var evaluator = _poseSession.CreateEvaluator(_pose);
        var verdict = default(ChallengeVerdict);
        foreach (var frame in _poseSession.Frames)
        {
            verdict = evaluator.Evaluate(frame);
        }

        return verdict;
    }

    private static Landmark Nose(AnalyzedFrame frame) => frame.Faces[0].TryGetLandmark(LandmarkType.Nose, out var nose) ? nose : default;

    private static FaceDetails CopyWithLeft(FaceDetails face, double left) => new()
    {
        BoundingBox = face.BoundingBox with { Left = left },
        Landmarks = face.Landmarks,
        Pose = face.Pose,
        EyesOpen = face.EyesOpen,
        MouthOpen = face.MouthOpen,
        Smile = face.Smile,
        Confidence = face.Confidence,
        Quality = face.Quality,
    };
}
