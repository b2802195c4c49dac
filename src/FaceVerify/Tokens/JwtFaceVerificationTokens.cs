using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FaceVerify;

/// <summary>
/// <see cref="IFaceVerificationTokens"/> as JWTs (RFC 7519) signed with HS256. The key id is in the <c>kid</c>
/// header; every configured key validates and the active one signs. Only HS256 is accepted (<c>alg: none</c> and every
/// other algorithm are refused before the library sees the token), a known <c>kid</c> is required, issuer and
/// audience must match, and the claim <c>token_use</c> (<c>session</c> or <c>result</c>) keeps one kind of token from
/// being accepted as the other. Expiry is checked against the injected <see cref="TimeProvider"/> with
/// <see cref="TokenOptions.ClockSkew"/> of tolerance; <c>iat</c> and <c>exp</c> are whole seconds (NumericDate).
/// </summary>
internal sealed class JwtFaceVerificationTokens : IFaceVerificationTokens
{
    /// <summary>The claim that names the kind of token.</summary>
    internal const string TokenUseClaim = "token_use";

    /// <summary>The session id claim.</summary>
    internal const string SessionIdClaim = "sid";

    /// <summary>The final status claim of a result token.</summary>
    internal const string StatusClaim = "status";

    /// <summary>The outcome reason claim of a result token.</summary>
    internal const string ReasonClaim = "reason";

    /// <summary>The claim naming what a result token proves (<see cref="ResultProof"/>).</summary>
    internal const string ProofClaim = "proof";

    /// <summary>The similarity claim of a face-login result token.</summary>
    internal const string SimilarityClaim = "similarity";

    /// <summary><see cref="TokenUseClaim"/> of a session token.</summary>
    internal const string SessionUse = "session";

    /// <summary><see cref="TokenUseClaim"/> of a result token.</summary>
    internal const string ResultUse = "result";

    /// <summary>The longest token read at all; FaceVerify's tokens are a few hundred characters.</summary>
    internal const int MaximumTokenLength = 4096;

    private readonly TimeProvider _timeProvider;
    private readonly TokenOptions _options;
    private readonly Dictionary<string, SymmetricSecurityKey> _keys;
    private readonly SigningCredentials _signingCredentials;
    private readonly TokenValidationParameters _validationParameters;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false, MapInboundClaims = false };

    /// <summary>Creates the service from validated options.</summary>
    /// <param name="options">The token options.</param>
    /// <param name="timeProvider">The clock for <c>iat</c>, <c>exp</c> and expiry checks.</param>
    /// <exception cref="OptionsValidationException">The options are invalid (see <see cref="TokenOptionsValidator"/>).</exception>
    public JwtFaceVerificationTokens(IOptions<TokenOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _timeProvider = timeProvider;
        var validation = new TokenOptionsValidator().Validate(Options.DefaultName, _options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(TokenOptions), validation.Failures);
        }

        _keys = _options.SigningKeys.ToDictionary(
            k => k.Id,
            k => new SymmetricSecurityKey(Convert.FromBase64String(k.Secret)) { KeyId = k.Id },
            StringComparer.Ordinal);
        var activeKeyId = _options.ActiveKeyId ?? _options.SigningKeys[0].Id;
        _signingCredentials = new SigningCredentials(_keys[activeKeyId], SecurityAlgorithms.HmacSha256);
        _validationParameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKeys = _keys.Values,
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            ValidIssuer = _options.Issuer,
            ValidateIssuer = true,
            ValidAudience = _options.Audience,
            ValidateAudience = true,

            // Lifetime is checked below against the injected TimeProvider (the library would read the system clock).
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ClockSkew = TimeSpan.Zero,
            ValidateTokenReplay = false,
        };
    }

    public string IssueSessionToken(ChallengeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(session.Id, nameof(session));
        ArgumentException.ThrowIfNullOrEmpty(session.UserId, nameof(session));
        var issuedAt = WholeSeconds(_timeProvider.GetUtcNow());
        var expires = Min(issuedAt + _options.SessionTokenLifetime, WholeSeconds(session.ExpiresAt));
        return Create(SessionUse, NewTokenId(), session, issuedAt, expires, extra: null);
    }

    public SessionTokenValidation ValidateSessionToken(string? token, string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        var (error, jwt) = Validate(token, SessionUse);
        if (error != TokenValidationReason.None)
        {
            return new SessionTokenValidation(error);
        }

        if (!jwt!.TryGetPayloadValue<string>(SessionIdClaim, out var sid) || string.IsNullOrEmpty(sid)
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var sub) || string.IsNullOrEmpty(sub))
        {
            return new SessionTokenValidation(TokenValidationReason.Malformed);
        }

        if (!string.Equals(sid, sessionId, StringComparison.Ordinal))
        {
            return new SessionTokenValidation(TokenValidationReason.WrongSession);
        }

        return new SessionTokenValidation(TokenValidationReason.None, sid, sub);
    }

    public IssuedResultToken IssueResultToken(ChallengeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return IssueResult(session, session.Status == SessionStatus.Passed ? ResultProof.Liveness : ResultProof.None, similarity: null);
    }

    public IssuedResultToken IssueFaceLoginToken(ChallengeSession session, double similarity)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(similarity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(similarity, 100);
        if (session.Status != SessionStatus.Passed)
        {
            throw new ArgumentException($"A face-login token is issued for a passed session; session '{session.Id}' is {session.Status}.", nameof(session));
        }

        return IssueResult(session, ResultProof.LivenessAndFaceMatch, Math.Round(similarity, 2));
    }

    /// <summary>
    /// The <c>jti</c> of every result token of a session: derived from the session id (SHA-256, domain-separated, 128
    /// bits, base64url), so verify called ten times and a face login all name one proof, and a relying party that
    /// redeems <c>jti</c> once accepts one proof per session.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The proof id.</returns>
    internal static string ProofId(string sessionId)
        => Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("faceverify/result/" + sessionId)).AsSpan(0, 16).ToArray());

    internal static string ProofCode(ResultProof proof) => proof switch
    {
        ResultProof.Liveness => "liveness",
        ResultProof.LivenessAndFaceMatch => "liveness_and_face_match",
        _ => "none",
    };

    private static ResultProof? ParseProof(string? code) => code switch
    {
        "none" => ResultProof.None,
        "liveness" => ResultProof.Liveness,
        "liveness_and_face_match" => ResultProof.LivenessAndFaceMatch,
        _ => null,
    };

    private IssuedResultToken IssueResult(ChallengeSession session, ResultProof proof, double? similarity)
    {
        ArgumentException.ThrowIfNullOrEmpty(session.Id, nameof(session));
        ArgumentException.ThrowIfNullOrEmpty(session.UserId, nameof(session));
        if (!session.IsFinal || session.Outcome is null)
        {
            throw new ArgumentException($"A result token is issued for a final session with an outcome; session '{session.Id}' is {session.Status}.", nameof(session));
        }

        var issuedAt = WholeSeconds(_timeProvider.GetUtcNow());
        var expires = issuedAt + WholeSeconds(_options.ResultTokenLifetime);
        var tokenId = ProofId(session.Id);
        var extra = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [StatusClaim] = session.Status.ToString(),
            [ReasonClaim] = session.Outcome.Reason.ToString(),
            [ProofClaim] = ProofCode(proof),
        };
        if (similarity is { } value)
        {
            extra[SimilarityClaim] = value;
        }

        return new IssuedResultToken(Create(ResultUse, tokenId, session, issuedAt, expires, extra), tokenId, expires);
    }

    public ResultTokenValidation ValidateResultToken(string? token)
    {
        var (error, jwt) = Validate(token, ResultUse);
        if (error != TokenValidationReason.None)
        {
            return new ResultTokenValidation(error);
        }

        if (!jwt!.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Jti, out var jti) || string.IsNullOrEmpty(jti)
            || !jwt.TryGetPayloadValue<string>(SessionIdClaim, out var sid) || string.IsNullOrEmpty(sid)
            || !jwt.TryGetPayloadValue<string>(JwtRegisteredClaimNames.Sub, out var sub) || string.IsNullOrEmpty(sub)
            || !jwt.TryGetPayloadValue<string>(StatusClaim, out var statusText)
            || !Enum.TryParse<SessionStatus>(statusText, ignoreCase: false, out var status)
            || status is not (SessionStatus.Passed or SessionStatus.Failed or SessionStatus.Expired)
            || !jwt.TryGetPayloadValue<string>(ReasonClaim, out var reasonText)
            || !Enum.TryParse<ChallengeReason>(reasonText, ignoreCase: false, out var reason)
            || !Enum.IsDefined(reason) || int.TryParse(reasonText, out _)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat)
            || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return new ResultTokenValidation(TokenValidationReason.Malformed);
        }

        // What the token proves must agree with its status: a passed session proves liveness (and, after face login, a
        // face match with its similarity); a failed or expired one proves nothing.
        jwt.TryGetPayloadValue<string>(ProofClaim, out var proofText);
        var similarity = ReadSimilarity(jwt);
        if (ParseProof(proofText) is not { } proof
            || (status == SessionStatus.Passed) == (proof == ResultProof.None)
            || (proof == ResultProof.LivenessAndFaceMatch) != (similarity is not null)
            || similarity is < 0 or > 100 or double.NaN)
        {
            return new ResultTokenValidation(TokenValidationReason.Malformed);
        }

        var claims = new ResultTokenClaims(jti, sid, sub, status, reason, DateTimeOffset.FromUnixTimeSeconds(iat), DateTimeOffset.FromUnixTimeSeconds(exp), proof, similarity);
        return new ResultTokenValidation(TokenValidationReason.None, claims);
    }

    private static double? ReadSimilarity(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<object>(SimilarityClaim, out var value))
        {
            return null;
        }

        return value switch
        {
            double d => d,
            long l => l,
            int i => i,
            decimal m => (double)m,
            _ => double.NaN,
        };
    }

    private string Create(string use, string tokenId, ChallengeSession session, DateTimeOffset issuedAt, DateTimeOffset expires, Dictionary<string, object>? extra)
    {
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [TokenUseClaim] = use,
            [JwtRegisteredClaimNames.Jti] = tokenId,
            [SessionIdClaim] = session.Id,
            [JwtRegisteredClaimNames.Sub] = session.UserId,
            [JwtRegisteredClaimNames.Iat] = issuedAt.ToUnixTimeSeconds(),
            [JwtRegisteredClaimNames.Exp] = expires.ToUnixTimeSeconds(),
        };
        if (extra is not null)
        {
            foreach (var (name, value) in extra)
            {
                claims[name] = value;
            }
        }

        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Claims = claims,
            SigningCredentials = _signingCredentials,
        });
    }

    /// <summary>Checks format, algorithm, key, signature, issuer, audience, kind and expiry, in that order.</summary>
    private (TokenValidationReason Error, JsonWebToken? Token) Validate(string? token, string expectedUse)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (TokenValidationReason.Missing, null);
        }

        if (token.Length > MaximumTokenLength)
        {
            return (TokenValidationReason.Malformed, null);
        }

        JsonWebToken parsed;
        try
        {
            parsed = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException or FormatException or System.Text.Json.JsonException)
        {
            return (TokenValidationReason.Malformed, null);
        }

        // Refuse alg "none", every other algorithm and unknown keys before any library code path that might differ.
        if (parsed.IsEncrypted
            || !string.Equals(parsed.Alg, SecurityAlgorithms.HmacSha256, StringComparison.Ordinal)
            || string.IsNullOrEmpty(parsed.Kid)
            || !_keys.ContainsKey(parsed.Kid))
        {
            return (TokenValidationReason.InvalidSignature, null);
        }

        // The handler completes synchronously for symmetric keys (no configuration manager is involved).
        var result = _handler.ValidateTokenAsync(parsed, _validationParameters).GetAwaiter().GetResult();
        if (!result.IsValid)
        {
            return (Classify(result.Exception), null);
        }

        if (!parsed.TryGetPayloadValue<string>(TokenUseClaim, out var use) || !string.Equals(use, expectedUse, StringComparison.Ordinal))
        {
            return (TokenValidationReason.Malformed, null);
        }

        if (!parsed.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp))
        {
            return (TokenValidationReason.Malformed, null);
        }

        var now = _timeProvider.GetUtcNow();
        if (now >= DateTimeOffset.FromUnixTimeSeconds(exp) + _options.ClockSkew)
        {
            return (TokenValidationReason.Expired, null);
        }

        return (TokenValidationReason.None, parsed);
    }

    private static TokenValidationReason Classify(Exception? exception) => exception switch
    {
        SecurityTokenMalformedException or SecurityTokenInvalidIssuerException or SecurityTokenInvalidAudienceException or ArgumentException
            => TokenValidationReason.Malformed,
        SecurityTokenExpiredException => TokenValidationReason.Expired,
        _ => TokenValidationReason.InvalidSignature,
    };

    private static string NewTokenId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));

    private static DateTimeOffset WholeSeconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeSeconds(value.ToUnixTimeSeconds());

    private static TimeSpan WholeSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Floor(value.TotalSeconds));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
