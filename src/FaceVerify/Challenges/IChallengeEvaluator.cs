namespace FaceVerify;

/// <summary>
/// Judges one session's frames, one at a time, in receive order. An evaluator is a pure function of the frames it has
/// been fed: feeding the same frames to a fresh evaluator gives the same verdicts, which is what lets any instance
/// recompute a decision from the stored analyses.
/// </summary>
public interface IChallengeEvaluator
{
    /// <summary>Consumes the next frame.</summary>
    /// <param name="frame">The frame, with its server receive time and the faces found in it.</param>
    /// <returns><see cref="ChallengeVerdict.Continue"/> to see more frames, or the decision.</returns>
    ChallengeVerdict Evaluate(in AnalyzedFrame frame);
}
