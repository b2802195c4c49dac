namespace FaceVerify;

/// <summary>The result of <see cref="IChallengeSessionService.SubmitFrameAsync"/>.</summary>
/// <param name="Reason">Why the frame was refused, or <see cref="FrameSubmissionReason.None"/>.</param>
/// <param name="Sequence">The frame's sequence when accepted; otherwise -1.</param>
/// <param name="Detail">A short, non-sensitive explanation of the refusal.</param>
public readonly record struct FrameSubmissionResult(FrameSubmissionReason Reason, int Sequence, string? Detail = null)
{
    /// <summary>Why the caller could not act on the session, or <see cref="SessionAccessReason.None"/> (then <see cref="Reason"/> tells about the frame).</summary>
    public SessionAccessReason AccessReason { get; init; }

    /// <summary>Whether the frame was accepted.</summary>
    public bool Succeeded => AccessReason == SessionAccessReason.None && Reason == FrameSubmissionReason.None;

    internal static FrameSubmissionResult Refused(FrameSubmissionReason reason, string detail) => new(reason, -1, detail);

    internal static FrameSubmissionResult Denied(SessionAccessReason access, string detail) => new(FrameSubmissionReason.None, -1, detail) { AccessReason = access };
}
