namespace FaceVerify;

/// <summary>An entry of an <see cref="ISessionExpiryIndex"/>: a session and when it expires.</summary>
/// <param name="SessionId">The session id.</param>
/// <param name="ExpiresAt">The session's <see cref="ChallengeSession.ExpiresAt"/>.</param>
public readonly record struct ExpiringSession(string SessionId, DateTimeOffset ExpiresAt);
