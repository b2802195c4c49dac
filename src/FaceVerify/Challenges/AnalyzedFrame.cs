namespace FaceVerify;

/// <summary>One analysed frame as an evaluator sees it.</summary>
/// <param name="Sequence">The frame's 0-based position in receive order.</param>
/// <param name="ReceivedAt">When the server received the frame (server time, never the client's).</param>
/// <param name="Faces">The faces found in the frame.</param>
public readonly record struct AnalyzedFrame(int Sequence, DateTimeOffset ReceivedAt, IReadOnlyList<FaceDetails> Faces);
