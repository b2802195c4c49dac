namespace FaceVerify;

/// <summary>What a result token says.</summary>
/// <param name="TokenId">The proof id (<c>jti</c>): the same for every result token of one session (liveness or face login), so redeeming it once accepts one proof per session.</param>
/// <param name="SessionId">The session.</param>
/// <param name="UserId">The user the session belonged to.</param>
/// <param name="Status">The session's final status.</param>
/// <param name="Reason">The outcome reason.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Proof">What the token proves: liveness only, or liveness and a match with the enrolled face (face login).</param>
/// <param name="Similarity">For <see cref="ResultProof.LivenessAndFaceMatch"/>, the lower of the similarities (0–100) of the compared frames to the enrolled face; otherwise <see langword="null"/>.</param>
public sealed record ResultTokenClaims(string TokenId, string SessionId, string UserId, SessionStatus Status, ChallengeReason Reason, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, ResultProof Proof = ResultProof.None, double? Similarity = null)
{
    /// <summary>Whether the token proves a passed session.</summary>
    public bool Passed => Status == SessionStatus.Passed;
}
