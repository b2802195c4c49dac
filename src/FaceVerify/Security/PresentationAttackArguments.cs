namespace FaceVerify;

/// <summary>Inputs of <see cref="IPresentationAttackDetector.EvaluateAsync"/>.</summary>
/// <param name="Session">The session (not yet completed).</param>
/// <param name="Frames">The session's frames up to the deciding one, with their analyses, in receive order.</param>
/// <param name="LoadImage">Loads a frame's bytes from the frame store.</param>
public readonly record struct PresentationAttackArguments(
    ChallengeSession Session,
    IReadOnlyList<FrameRecord> Frames,
    Func<FrameRecord, CancellationToken, ValueTask<FaceImage>> LoadImage);
