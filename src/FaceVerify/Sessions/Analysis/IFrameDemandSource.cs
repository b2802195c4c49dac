namespace FaceVerify;

/// <summary>
/// Optionally implemented by an <see cref="IChallengeEvaluator"/> to say which of the next frames the challenge needs
/// analysed, so that the <see cref="FrameAnalysisStrategy.Sparse"/> strategy can skip the others (each analysis is a
/// paid analyzer call). Evaluators that do not implement it have every frame analysed. Evaluators built on
/// <c>StateMachineChallenge</c> implement it through its overridable <c>GetFrameDemand</c>.
/// </summary>
/// <remarks>
/// The strategy feeds the evaluator only the analysed frames, in receive order, with gaps; the evaluator must decide
/// correctly from whichever frames it is given (its decision is the session's decision). Frames may also be analysed
/// that the demand did not ask for (random audit frames, and frames verify analyses), and the evaluation is then run
/// again from a fresh evaluator over every analysed frame.
/// </remarks>
public interface IFrameDemandSource
{
    /// <summary>What the challenge needs next, after the frames it has been fed (called only while it answers Continue).</summary>
    /// <returns>The demand.</returns>
    FrameDemand GetFrameDemand();
}
