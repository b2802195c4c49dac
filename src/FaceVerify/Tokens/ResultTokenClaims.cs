namespace FaceVerify;

/// <summary>What a result token says.</summary>
/// <param name="TokenId">The unique id (<c>jti</c>).</param>
/// <param name="SessionId">The session.</param>
/// <param name="UserId">The user the session belonged to.</param>
/// <param name="Status">The session's final status.</param>
/// <param name="Reason">The outcome reason.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record ResultTokenClaims(string TokenId, string SessionId, string UserId, SessionStatus Status, OutcomeReason Reason, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Whether the token proves a passed session.</summary>
    public bool Passed => Status == SessionStatus.Passed;
}
