namespace FaceVerify;

/// <summary>How a session ended.</summary>
/// <param name="Status">Passed, Failed or Expired.</param>
/// <param name="Reason">Why.</param>
/// <param name="DecidedAtFrame">The 0-based sequence of the frame that decided it, when a frame did.</param>
/// <param name="Detail">An optional short, non-sensitive explanation.</param>
public sealed record SessionOutcome(SessionStatus Status, ChallengeReason Reason, int? DecidedAtFrame = null, string? Detail = null)
{
    /// <summary>
    /// A random id of the completion that wrote this outcome, set by FaceVerify when it completes a session, so that of
    /// several instances completing the same session (two verifies, a verify and the expiry sweeper) exactly one knows
    /// its conditional write won and counts the outcome. Stores persist it with the outcome. Default: none.
    /// </summary>
    public string? CompletionId { get; init; }
}
