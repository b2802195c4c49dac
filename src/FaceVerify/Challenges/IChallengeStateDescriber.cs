namespace FaceVerify;

/// <summary>
/// Optionally implemented by an <see cref="IChallengeEvaluator"/> that has named states, so the decision trace can say
/// which state judged each frame. Evaluators built on <c>StateMachineChallenge</c> implement it.
/// </summary>
public interface IChallengeStateDescriber
{
    /// <summary>The name of the state the next frame will be judged in (after a decision: the deciding state).</summary>
    string CurrentStateName { get; }
}
