namespace FaceVerify;

/// <summary>One frame's line in a session's decision trace (for audit): which state judged it, and how.</summary>
/// <param name="Sequence">The frame's sequence.</param>
/// <param name="ReceivedAt">When the server received it.</param>
/// <param name="State">The challenge state that judged it, when the evaluator names its states.</param>
/// <param name="FaceCount">How many faces the analysis found.</param>
/// <param name="Verdict">Continue, passed or failed.</param>
/// <param name="Reason">The verdict's reason.</param>
/// <param name="Detail">The verdict's short explanation.</param>
public sealed record DecisionTraceEntry(int Sequence, DateTimeOffset ReceivedAt, string? State, int FaceCount, VerdictKind Verdict, ChallengeReason Reason, string? Detail);
