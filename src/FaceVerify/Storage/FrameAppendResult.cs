namespace FaceVerify;

/// <summary>The result of <see cref="IAttemptStore.TryAppendFrameAsync"/>.</summary>
/// <param name="Status">Whether the frame was appended, and if not, why.</param>
/// <param name="Sequence">The frame's sequence number when appended; otherwise -1.</param>
public readonly record struct FrameAppendResult(FrameAppendStatus Status, int Sequence);
