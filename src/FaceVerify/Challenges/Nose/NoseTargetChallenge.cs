using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The built-in "nose" challenge (the reference framework's NOSE): the user centres the face in an area box, then
/// moves the nose tip into a small target box placed at random left or right of the centre. It passes when the nose
/// path is a smooth curve and the face landmarks moved as a real, turning head does (a flat photo slid across the
/// camera keeps its landmark layout). Parameters: <see cref="NoseChallengeParameters"/>, generated from the real frame
/// size. States: face → area → nose, each limited by <see cref="NoseChallengeOptions.StateTimeout"/> on server time.
/// See docs/challenges.md for every threshold and every fix against the reference.
/// </summary>
public sealed class NoseTargetChallenge : IChallenge
{
    /// <summary>The type name, <c>"nose"</c>.</summary>
    public const string TypeName = "nose";

    private readonly NoseStateMachine _machine;

    /// <summary>Creates the challenge with default options.</summary>
    public NoseTargetChallenge()
        : this(new NoseChallengeOptions())
    {
    }

    /// <summary>Creates the challenge with options from dependency injection.</summary>
    /// <param name="options">The options.</param>
    public NoseTargetChallenge(IOptions<NoseChallengeOptions> options)
        : this(options?.Value ?? throw new ArgumentNullException(nameof(options)))
    {
    }

    private NoseTargetChallenge(NoseChallengeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StateTimeout, TimeSpan.Zero, "options.StateTimeout");
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxFramesWithoutFace, "options.MaxFramesWithoutFace");
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTrajectoryPoints, NoseGeometry.MinTrajectoryPoints, "options.MaxTrajectoryPoints");
        if (double.IsNaN(options.MinFaceConfidence) || options.MinFaceConfidence is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException("options.MinFaceConfidence", options.MinFaceConfidence, "Must be between 0 and 100.");
        }

        _machine = new NoseStateMachine(options);
    }

    /// <inheritdoc />
    public string Type => TypeName;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The frame is too small for the boxes (the nose target must fit inside the area box; at least 251×335 px).</exception>
    public JsonElement CreateParameters(in ChallengeParametersArguments arguments) => _machine.CreateParameters(arguments);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The parameters are not nose parameters for the session's frame size.</exception>
    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments) => _machine.CreateEvaluator(arguments);
}
