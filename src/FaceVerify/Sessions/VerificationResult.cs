namespace FaceVerify;

/// <summary>The result of <see cref="IChallengeSessionService.VerifyAsync"/>: the session's final outcome and a signed result token.</summary>
public sealed record VerificationResult
{
    /// <summary>Why the caller could not act on the session (verify did not run), or <see cref="SessionAccessReason.None"/>.</summary>
    public SessionAccessReason AccessReason { get; init; }

    /// <summary>The final status: Passed, Failed or Expired.</summary>
    public SessionStatus Status { get; init; }

    /// <summary>Why the session passed or failed.</summary>
    public ChallengeReason Reason { get; init; }

    /// <summary>A short, non-sensitive explanation.</summary>
    public string? Detail { get; init; }

    /// <summary>The sequence of the frame that decided the challenge, when one did.</summary>
    public int? DecidedAtFrame { get; init; }

    /// <summary>The signed result token for a relying party (also issued for failed outcomes, which it proves too).</summary>
    public IssuedResultToken? ResultToken { get; init; }

    /// <summary>Whether the session passed.</summary>
    public bool Succeeded => AccessReason == SessionAccessReason.None && Status == SessionStatus.Passed;
}
