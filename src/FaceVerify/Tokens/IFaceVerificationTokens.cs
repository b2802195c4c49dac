namespace FaceVerify;

/// <summary>
/// Issues and validates FaceVerify's signed tokens (JWT, HS256, key id in the header; several keys validate, one
/// signs): the session token, a capability for one session that submit and verify require, and the result token, a
/// short-lived single-use proof of a session's outcome that a relying party validates offline.
/// </summary>
public interface IFaceVerificationTokens
{
    /// <summary>Issues the session token of <paramref name="session"/> (claims: session id, user, expiry ≤ the session's).</summary>
    /// <param name="session">The session.</param>
    /// <returns>The compact JWT.</returns>
    string IssueSessionToken(ChallengeSession session);

    /// <summary>Validates a session token for <paramref name="sessionId"/>: signature, key, expiry, and that it names that session.</summary>
    /// <param name="token">The compact JWT.</param>
    /// <param name="sessionId">The session the caller acts on.</param>
    /// <returns>The outcome; never throws for a bad token.</returns>
    SessionTokenValidation ValidateSessionToken(string? token, string sessionId);

    /// <summary>
    /// Issues a result token for a final session (claims: session id, user, outcome, reason, issued and expiry, the
    /// session's proof id as <c>jti</c>, and <c>proof</c>: <c>liveness</c> for a passed session, <c>none</c> otherwise).
    /// </summary>
    /// <param name="session">A final session.</param>
    /// <returns>The token and its id and expiry.</returns>
    IssuedResultToken IssueResultToken(ChallengeSession session);

    /// <summary>
    /// Issues the result token of a successful face login with <paramref name="session"/>: as
    /// <see cref="IssueResultToken"/>, with <c>proof</c> <c>liveness_and_face_match</c> and the <c>similarity</c> to the
    /// enrolled face.
    /// </summary>
    /// <param name="session">A passed session.</param>
    /// <param name="similarity">The similarity (0–100) that the login accepted.</param>
    /// <returns>The token and its id and expiry.</returns>
    IssuedResultToken IssueFaceLoginToken(ChallengeSession session, double similarity);

    /// <summary>Validates a result token offline (signature, key, expiry). Redemption (single use) is the service's job.</summary>
    /// <param name="token">The compact JWT.</param>
    /// <returns>The outcome; never throws for a bad token.</returns>
    ResultTokenValidation ValidateResultToken(string? token);
}
