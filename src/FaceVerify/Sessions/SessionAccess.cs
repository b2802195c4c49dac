namespace FaceVerify;

/// <summary>
/// Who acts on a session, for <see cref="IChallengeSessionService.SubmitFrameAsync"/> and
/// <see cref="IChallengeSessionService.VerifyAsync"/>: the session token from
/// <see cref="IChallengeSessionService.StartAsync"/> and, when the host knows it, the signed-in user. The service checks
/// both, once, whatever the host (HTTP endpoints, a Lambda, a background job): the token must be valid for the session,
/// and a signed-in caller's token must be their own, so a stolen session token cannot be finished by another user's
/// signed-in client. Anonymous callers (no <see cref="UserId"/>) rely on the token alone.
/// </summary>
/// <param name="SessionToken">The session token, or <see langword="null"/> when the caller sent none.</param>
/// <param name="UserId">The signed-in user making the call (from the host's authentication), or <see langword="null"/> for an anonymous caller.</param>
public sealed record SessionAccess(string? SessionToken, string? UserId = null)
{
    /// <inheritdoc/>
    public override string ToString() => $"SessionAccess {{ SessionToken = {(SessionToken is null ? "none" : "***")}, UserId = {(UserId is null ? "anonymous" : "***")} }}";
}
