namespace FaceVerify;

/// <summary>A frame's analysis as stored, so that any instance can recompute the challenge decision.</summary>
/// <param name="Faces">The faces found.</param>
/// <param name="Rejection">Why the analyzer rejected the frame, if it did.</param>
/// <param name="AnalyzedAt">When the analysis finished (server time).</param>
public sealed record StoredAnalysis(IReadOnlyList<FaceDetails> Faces, ImageRejection? Rejection, DateTimeOffset AnalyzedAt);
