using System.Collections.Concurrent;

namespace FaceVerify.LoadTests;

/// <summary>
/// Diagnostic (<c>--token-cache</c>): a decorator over FaceVerify's token service that remembers session tokens it has
/// validated (claims and expiry, bounded to 4096 entries) and re-checks only the session id and the expiry on a repeat,
/// to measure what a validation cache in the library would save on every frame upload. The harness only; not a
/// recommendation to cache outside the token service.
/// </summary>
internal sealed class CachingSessionTokens(IFaceVerificationTokens inner, TimeProvider time) : IFaceVerificationTokens
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, (string SessionId, string UserId, DateTimeOffset ExpiresAt)> _valid = new(StringComparer.Ordinal);

    public string IssueSessionToken(ChallengeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var token = inner.IssueSessionToken(session);
        return token;
    }

    public SessionTokenValidation ValidateSessionToken(string? token, string sessionId)
    {
        if (token is not null && _valid.TryGetValue(token, out var known))
        {
            if (time.GetUtcNow() < known.ExpiresAt)
            {
                return string.Equals(known.SessionId, sessionId, StringComparison.Ordinal)
                    ? new SessionTokenValidation(TokenValidationReason.None, known.SessionId, known.UserId)
                    : new SessionTokenValidation(TokenValidationReason.WrongSession);
            }

            _valid.TryRemove(token, out _);
        }

        var result = inner.ValidateSessionToken(token, sessionId);
        if (result.Succeeded && token is not null)
        {
            if (_valid.Count >= Capacity)
            {
                _valid.Clear();
            }

            // The service checks expiry itself; a cached entry is trusted for at most a minute.
            _valid[token] = (result.SessionId!, result.UserId!, time.GetUtcNow().AddMinutes(1));
        }

        return result;
    }

    public IssuedResultToken IssueResultToken(ChallengeSession session) => inner.IssueResultToken(session);

    public IssuedResultToken IssueFaceLoginToken(ChallengeSession session, double similarity) => inner.IssueFaceLoginToken(session, similarity);

    public ResultTokenValidation ValidateResultToken(string? token) => inner.ValidateResultToken(token);
}
