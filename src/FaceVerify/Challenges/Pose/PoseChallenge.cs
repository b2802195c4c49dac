using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The built-in "pose" challenge (the reference framework's POSE, made a sequence): the user shows
/// <see cref="PoseChallengeOptions.PoseCount"/> random poses in order (eyes open, closed, looking left or right; mouth
/// closed or smiling open), each within <see cref="PoseChallengeOptions.PoseTimeout"/> on server time. Every frame is
/// judged (not only the first), a frame with two faces fails, and a gaze needs both pupils in its band.
/// Parameters: <see cref="PoseChallengeParameters"/>. See docs/challenges.md.
/// </summary>
public sealed class PoseChallenge : IChallenge
{
    /// <summary>The type name, <c>"pose"</c>.</summary>
    public const string TypeName = "pose";

    /// <summary>The most poses one session can ask for.</summary>
    public const int MaxPoseCount = 8;

    private readonly PoseStateMachine _machine;
    private readonly string? _configurationError;

    /// <summary>Creates the challenge with default options.</summary>
    public PoseChallenge()
        : this(new PoseChallengeOptions(), FaceAttributes.All)
    {
    }

    /// <summary>Creates the challenge with options from dependency injection.</summary>
    /// <param name="options">The options.</param>
    public PoseChallenge(IOptions<PoseChallengeOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), FaceAttributes.All)
    {
    }

    /// <summary>
    /// Creates the challenge with options from dependency injection, asking only for poses <paramref name="analyzer"/>
    /// can judge (<see cref="IFaceAnalyzer.MeasuredAttributes"/>). A configured pose it cannot judge is a configuration
    /// error, reported at start-up by options validation and thrown by <see cref="CreateParameters"/>.
    /// </summary>
    /// <param name="options">The options.</param>
    /// <param name="analyzer">The face analyzer the frames go to.</param>
    public PoseChallenge(IOptions<PoseChallengeOptions> options, IFaceAnalyzer analyzer)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)), (analyzer ?? throw new ArgumentNullException(nameof(analyzer))).MeasuredAttributes)
    {
    }

    private PoseChallenge(PoseChallengeOptions options, FaceAttributes measured)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PoseCount is < 1 or > MaxPoseCount)
        {
            throw new ArgumentOutOfRangeException("options.PoseCount", options.PoseCount, $"Must be between 1 and {MaxPoseCount}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PoseTimeout, TimeSpan.Zero, "options.PoseTimeout");
        var eyeStates = options.EyeStates.Count == 0 ? Enum.GetValues<PoseEyes>() : [.. options.EyeStates.Distinct()];
        foreach (var eyes in eyeStates)
        {
            if (!Enum.IsDefined(eyes))
            {
                throw new ArgumentOutOfRangeException("options.EyeStates", eyes, "Not a PoseEyes value.");
            }
        }

        _configurationError = JudgeabilityError(eyeStates, measured);
        _machine = new PoseStateMachine(options, eyeStates);
    }

    /// <inheritdoc />
    public string Type => TypeName;

    /// <summary>Why the configured poses cannot all be judged by the analyzer (naming the setting to change), or <see langword="null"/> when they can.</summary>
    internal string? ConfigurationError => _configurationError;

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">A configured pose needs an attribute the face analyzer does not measure.</exception>
    public JsonElement CreateParameters(in ChallengeParametersArguments arguments)
        => _configurationError is null ? _machine.CreateParameters(arguments) : throw new InvalidOperationException(_configurationError);

    /// <summary>The attributes a pose with these eyes needs (every pose also needs <see cref="FaceAttributes.Smile"/> and <see cref="FaceAttributes.MouthOpen"/> for its mouth).</summary>
    internal static FaceAttributes Needs(PoseEyes eyes)
        => FaceAttributes.EyesOpen | FaceAttributes.Smile | FaceAttributes.MouthOpen
            | (eyes is PoseEyes.LookingLeft or PoseEyes.LookingRight ? FaceAttributes.Gaze : FaceAttributes.None);

    private static string? JudgeabilityError(IReadOnlyList<PoseEyes> eyeStates, FaceAttributes measured)
    {
        var missing = FaceAttributes.None;
        var unjudgeable = new List<PoseEyes>();
        foreach (var eyes in eyeStates)
        {
            var lacking = Needs(eyes) & ~measured;
            if (lacking != FaceAttributes.None)
            {
                missing |= lacking;
                unjudgeable.Add(eyes);
            }
        }

        if (unjudgeable.Count == 0)
        {
            return null;
        }

        var neededByEveryPose = missing & (FaceAttributes.EyesOpen | FaceAttributes.Smile | FaceAttributes.MouthOpen);
        return neededByEveryPose != FaceAttributes.None
            ? $"The pose challenge cannot be judged: the face analyzer does not measure {neededByEveryPose}. Remove 'pose' from {FaceVerificationOptions.SectionName}:EnabledChallengeTypes or use an analyzer that measures it."
            : $"{FaceVerificationOptions.SectionName}:Pose:EyeStates asks for {string.Join(", ", unjudgeable)}, but the face analyzer does not measure {missing}: list only eye states it can judge (e.g. {FaceVerificationOptions.SectionName}:Pose:EyeStates:0=Open and :1=Closed).";
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The parameters are not pose parameters.</exception>
    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments) => _machine.CreateEvaluator(arguments);
}
