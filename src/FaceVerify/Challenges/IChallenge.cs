using System.Text.Json;

namespace FaceVerify;

/// <summary>
/// One challenge type ("nose", "pose", or your own). A challenge creates the random parameters of a new session and
/// starts evaluators that judge the session's analysed frames in receive order. Register implementations with
/// <c>AddFaceVerification().AddChallenge&lt;T&gt;()</c>; <c>StateMachineChallenge</c> makes
/// multi-step challenges short to write.
/// </summary>
public interface IChallenge
{
    /// <summary>The challenge type name, unique among registered challenges (for example <c>"nose"</c>). Matched case-insensitively.</summary>
    string Type { get; }

    /// <summary>Creates the parameters of a new session. Must use <see cref="ChallengeParametersArguments.Random"/> for every random choice.</summary>
    /// <param name="arguments">The real frame size and the random source.</param>
    /// <returns>The parameters, as a JSON object; they are stored with the session and sent to the client.</returns>
    JsonElement CreateParameters(in ChallengeParametersArguments arguments);

    /// <summary>Starts an evaluator for one session. The evaluator is fed the session's analysed frames in receive order.</summary>
    /// <param name="arguments">The session's stored parameters and frame size.</param>
    /// <returns>A fresh evaluator.</returns>
    IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments);
}
