namespace FaceVerify;

/// <summary>Which accepted frames FaceVerify analyses (<see cref="FaceVerificationOptions.AnalysisStrategy"/>).</summary>
public enum FrameAnalysisStrategy
{
    /// <summary>
    /// Every accepted frame is validated, stored and recorded, but only the frames the challenge says it
    /// needs are analysed (see <see cref="IFrameDemandSource"/>): sparsely while the outcome cannot change, every frame
    /// where it can, plus <see cref="FaceVerificationOptions.AuditFrames"/> frames chosen at random with the CSPRNG after
    /// they arrived. A challenge that says nothing has every frame analysed. The decision is the evaluator run over the
    /// analysed frames in receive order.
    /// </summary>
    Sparse = 0,

    /// <summary>The default: every accepted frame up to the decision is analysed (the behaviour before the sparse strategy; the reference analysed every frame).</summary>
    EveryFrame = 1,
}
