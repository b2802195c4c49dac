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

    /// <summary>Creates the challenge with default options.</summary>
    public PoseChallenge()
        : this(new PoseChallengeOptions())
    {
    }

    /// <summary>Creates the challenge with options from dependency injection.</summary>
    /// <param name="options">The options.</param>
    public PoseChallenge(IOptions<PoseChallengeOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    private PoseChallenge(PoseChallengeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PoseCount is < 1 or > MaxPoseCount)
        {
            throw new ArgumentOutOfRangeException("options.PoseCount", options.PoseCount, $"Must be between 1 and {MaxPoseCount}.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.PoseTimeout, TimeSpan.Zero, "options.PoseTimeout");
        _machine = new PoseStateMachine(options);
    }

    /// <inheritdoc />
    public string Type => TypeName;

    /// <inheritdoc />
    public JsonElement CreateParameters(in ChallengeParametersArguments arguments) => _machine.CreateParameters(arguments);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The parameters are not pose parameters.</exception>
    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments) => _machine.CreateEvaluator(arguments);
}
