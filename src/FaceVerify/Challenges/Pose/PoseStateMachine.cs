using System.Globalization;
using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>The pose challenge: one state per pose, in order; a frame that shows the current pose moves on.</summary>
internal sealed class PoseStateMachine : StateMachineChallenge<PoseChallengeParameters, PoseProgress>
{
    private static readonly RequestedPose[] AllPoses = CreateAllPoses();

    private static readonly PoseEyes[] AllEyeStates = Enum.GetValues<PoseEyes>();

    private readonly PoseChallengeOptions _options;
    private readonly PoseEyes[] _eyeStates;

    public PoseStateMachine(PoseChallengeOptions options, IReadOnlyList<PoseEyes>? eyeStates = null)
        : base(PoseChallenge.TypeName, CreateStates(options))
    {
        _options = options;
        _eyeStates = eyeStates is null ? AllEyeStates : [.. eyeStates];
    }

    /// <summary>Draws <paramref name="count"/> poses: the first uniform over the 8, each next one uniform over the poses no single face can show together with the previous one.</summary>
    public static RequestedPose[] DrawPoses(int count, RandomNumberGenerator random) => DrawPoses(count, random, AllEyeStates);

    /// <summary>
    /// Draws <paramref name="count"/> poses whose eyes are among <paramref name="eyeStates"/>: the first with eyes and
    /// mouth uniform and independent, each next one uniform over those poses no single face can show together with the
    /// previous one (there is always one: the same eyes with the other mouth).
    /// </summary>
    public static RequestedPose[] DrawPoses(int count, RandomNumberGenerator random, IReadOnlyList<PoseEyes> eyeStates)
    {
        var poses = new RequestedPose[count];
        Span<int> candidates = stackalloc int[AllPoses.Length];
        for (var i = 0; i < count; i++)
        {
            if (i == 0)
            {
                // Reference: eyes = choice(POSE_EYS), mouth = choice(POSE_MOUTH), independent and uniform.
                var eyes = eyeStates[random.NextInt32(eyeStates.Count)];
                var mouth = (PoseMouth)random.NextInt32(2);
                poses[i] = Find(eyes, mouth);
                continue;
            }

            var n = 0;
            for (var j = 0; j < AllPoses.Length; j++)
            {
                if (eyeStates.Contains(AllPoses[j].Eyes) && !PoseMatcher.AreCompatible(poses[i - 1], AllPoses[j]))
                {
                    candidates[n++] = j;
                }
            }

            poses[i] = AllPoses[candidates[random.NextInt32(n)]];
        }

        return poses;
    }

    protected override PoseChallengeParameters GenerateParameters(in ChallengeParametersArguments arguments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.FrameWidth, 1, nameof(arguments));
        ArgumentOutOfRangeException.ThrowIfLessThan(arguments.FrameHeight, 1, nameof(arguments));
        return new PoseChallengeParameters
        {
            ImageWidth = arguments.FrameWidth,
            ImageHeight = arguments.FrameHeight,
            Poses = DrawPoses(_options.PoseCount, arguments.Random, _eyeStates),
        };
    }

    protected override PoseProgress CreateScratch(PoseChallengeParameters parameters, in ChallengeEvaluatorArguments arguments)
    {
        if (parameters.Poses is null || parameters.Poses.Count is < 1 or > PoseChallenge.MaxPoseCount)
        {
            throw new ArgumentException($"A pose challenge needs 1 to {PoseChallenge.MaxPoseCount} poses.", nameof(parameters));
        }

        foreach (var pose in parameters.Poses)
        {
            if (pose is null || !Enum.IsDefined(pose.Eyes) || !Enum.IsDefined(pose.Mouth))
            {
                throw new ArgumentException("Every pose needs eyes OPEN, CLOSED, LOOKING_LEFT or LOOKING_RIGHT and mouth CLOSED or SMILE.", nameof(parameters));
            }
        }

        if ((arguments.FrameWidth != 0 || arguments.FrameHeight != 0)
            && (arguments.FrameWidth != parameters.ImageWidth || arguments.FrameHeight != parameters.ImageHeight))
        {
            throw new ArgumentException(
                $"The pose parameters were made for {parameters.ImageWidth}×{parameters.ImageHeight} frames, but the session's frames are {arguments.FrameWidth}×{arguments.FrameHeight}.",
                nameof(arguments));
        }

        return new PoseProgress();
    }

    protected internal override ChallengeVerdict OnStateTimeout(in StateContext<PoseChallengeParameters, PoseProgress> context, TimeSpan timeout)
    {
        var poses = context.Parameters.Poses;
        var pose = poses[context.State];
        var mismatch = context.Scratch.LastMismatch == ChallengeReason.None ? "none seen" : context.Scratch.LastMismatch.ToString();
        return ChallengeVerdict.Fail(
            ChallengeReason.StateTimeout,
            string.Create(CultureInfo.InvariantCulture, $"Pose {context.State + 1} of {poses.Count} ({Name(pose.Eyes)}/{Name(pose.Mouth)}) was not shown within {timeout.TotalSeconds:0.###} s; last mismatch: {mismatch}."));
    }

    // The sparse analysis strategy's view: a pose is held for a while, so one frame per sample interval finds it.
    protected internal override FrameDemand GetFrameDemand(in StateContext<PoseChallengeParameters, PoseProgress> context)
        => FrameDemand.Sample(_options.SampleInterval);

    private static StateResult Pose(in StateContext<PoseChallengeParameters, PoseProgress> context)
    {
        var progress = context.Scratch;
        var poses = context.Parameters.Poses;
        if (context.State >= poses.Count || context.Frame.Sequence == progress.LastMatchedSequence)
        {
            // Past the last pose cannot happen (the last pose passes); the frame that completed the previous pose does not count twice.
            return StateResult.Continue;
        }

        var mismatch = PoseMatcher.Match(context.Frame.Faces, poses[context.State]);
        if (mismatch == ChallengeReason.MultipleFaces)
        {
            return StateResult.Fail(ChallengeReason.MultipleFaces, "More than one face was in a frame.");
        }

        if (mismatch != ChallengeReason.None)
        {
            progress.LastMismatch = mismatch;
            return StateResult.Continue;
        }

        if (context.State == poses.Count - 1)
        {
            return StateResult.Pass;
        }

        progress.LastMatchedSequence = context.Frame.Sequence;
        progress.LastMismatch = ChallengeReason.None;
        return StateResult.Next(context.State + 1);
    }

    private static ChallengeState<PoseChallengeParameters, PoseProgress>[] CreateStates(PoseChallengeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var states = new ChallengeState<PoseChallengeParameters, PoseProgress>[PoseChallenge.MaxPoseCount];
        for (var i = 0; i < states.Length; i++)
        {
            states[i] = new($"pose{i + 1}", options.PoseTimeout, Pose);
        }

        return states;
    }

    private static RequestedPose[] CreateAllPoses()
    {
        var all = new RequestedPose[8];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new RequestedPose { Eyes = (PoseEyes)(i / 2), Mouth = (PoseMouth)(i % 2) };
        }

        return all;
    }

    private static RequestedPose Find(PoseEyes eyes, PoseMouth mouth) => AllPoses[((int)eyes * 2) + (int)mouth];

    private static string Name(PoseEyes eyes) => eyes switch
    {
        PoseEyes.Open => "OPEN",
        PoseEyes.Closed => "CLOSED",
        PoseEyes.LookingLeft => "LOOKING_LEFT",
        _ => "LOOKING_RIGHT",
    };

    private static string Name(PoseMouth mouth) => mouth == PoseMouth.Smile ? "SMILE" : "CLOSED";
}
