namespace FaceVerify;

/// <summary>How a session ended.</summary>
/// <param name="Status">Passed, Failed or Expired.</param>
/// <param name="Reason">Why.</param>
/// <param name="DecidedAtFrame">The 0-based sequence of the frame that decided it, when a frame did.</param>
/// <param name="Detail">An optional short, non-sensitive explanation.</param>
public sealed record SessionOutcome(SessionStatus Status, OutcomeReason Reason, int? DecidedAtFrame = null, string? Detail = null);
