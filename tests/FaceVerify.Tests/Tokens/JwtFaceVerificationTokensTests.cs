using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceVerify.Testing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FaceVerify.Tests.Tokens;

public class JwtFaceVerificationTokensTests
{
    private static readonly string SecretOne = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private static readonly string SecretTwo = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddMilliseconds(250));

    private DateTimeOffset Now => _time.GetUtcNow();

    private JwtFaceVerificationTokens Service(Action<TokenOptions>? configure = null, params (string Id, string Secret)[] keys)
    {
        var options = new TokenOptions();
        foreach (var (id, secret) in keys.Length == 0 ? [("k1", SecretOne)] : keys)
        {
            options.SigningKeys.Add(new TokenSigningKey { Id = id, Secret = secret });
        }

        configure?.Invoke(options);
        return new JwtFaceVerificationTokens(Options.Create(options), _time);
    }

    private ChallengeSession Session(string id = "s-1", TimeSpan? expiresIn = null) => new()
    {
        Id = id,
        UserId = "alice",
        ChallengeType = "nose",
        Parameters = JsonDocument.Parse("{}").RootElement,
        FrameWidth = 480,
        FrameHeight = 480,
        CreatedAt = Now,
        ExpiresAt = Now + (expiresIn ?? TimeSpan.FromHours(1)),
        RetainUntil = Now.AddDays(1),
    };

    private ChallengeSession FinalSession(SessionStatus status = SessionStatus.Passed, ChallengeReason reason = ChallengeReason.Passed)
        => Session().WithFrameAccepted().Complete(new SessionOutcome(status, reason, 0), Now);

    private static JsonObject Part(string token, int index)
    {
        var part = token.Split('.')[index];
        return JsonNode.Parse(Base64UrlEncoder.Decode(part))!.AsObject();
    }

    private static string Encode(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string WithPayload(string token, Action<JsonObject> change)
    {
        var parts = token.Split('.');
        var payload = Part(token, 1);
        change(payload);
        return $"{parts[0]}.{Encode(payload)}.{parts[2]}";
    }

    private static string Sign(Dictionary<string, object> claims, string secret, string kid)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(secret)) { KeyId = kid };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "faceverify",
            Audience = "faceverify",
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    private Dictionary<string, object> SessionClaims(string use = "session") => new()
    {
        ["token_use"] = use,
        ["sid"] = "s-1",
        ["sub"] = "alice",
        ["jti"] = "j-1",
        ["iat"] = Now.ToUnixTimeSeconds(),
        ["exp"] = Now.AddMinutes(5).ToUnixTimeSeconds(),
        ["status"] = "Passed",
        ["reason"] = "Passed",
    };

    [Test]
    public void SessionToken_RoundTrip_IsValidWithSessionAndUser()
    {
        var tokens = Service();

        var token = tokens.IssueSessionToken(Session());
        var validation = tokens.ValidateSessionToken(token, "s-1");

        validation.Should().Be(new SessionTokenValidation(TokenValidationReason.None, "s-1", "alice"));
        validation.Succeeded.Should().BeTrue();
    }

    [Test]
    public void SessionToken_Claims_HaveHeaderKidAndEveryClaim()
    {
        var token = Service().IssueSessionToken(Session());

        var header = Part(token, 0);
        var payload = Part(token, 1);

        header["alg"]!.GetValue<string>().Should().Be("HS256");
        header["kid"]!.GetValue<string>().Should().Be("k1");
        payload["sid"]!.GetValue<string>().Should().Be("s-1");
        payload["sub"]!.GetValue<string>().Should().Be("alice");
        payload["token_use"]!.GetValue<string>().Should().Be("session");
        payload["iss"]!.GetValue<string>().Should().Be("faceverify");
        payload["aud"]!.GetValue<string>().Should().Be("faceverify");
        payload["iat"]!.GetValue<long>().Should().Be(Now.ToUnixTimeSeconds());
        payload["exp"]!.GetValue<long>().Should().Be(Now.AddMinutes(10).ToUnixTimeSeconds());
        payload["jti"]!.GetValue<string>().Should().HaveLength(22);
        payload.ContainsKey("nbf").Should().BeFalse();
    }

    [TestCase(30.7)]
    [TestCase(599.999)]
    [TestCase(3600)]
    public void SessionToken_Exp_NeverLaterThanSessionExpiresAt(double expiresInSeconds)
    {
        var session = Session(expiresIn: TimeSpan.FromSeconds(expiresInSeconds));

        var exp = DateTimeOffset.FromUnixTimeSeconds(Part(Service().IssueSessionToken(session), 1)["exp"]!.GetValue<long>());

        exp.Should().BeOnOrBefore(session.ExpiresAt);
        exp.Should().BeOnOrBefore(Now.AddMinutes(10));
        exp.Should().BeAfter(Now.AddMinutes(10) < session.ExpiresAt ? Now.AddMinutes(10).AddSeconds(-1) : session.ExpiresAt.AddSeconds(-1));
    }

    [Test]
    public void SessionToken_ValidUntilExpPlusSkew_ThenExpired()
    {
        var tokens = Service(o => o.ClockSkew = TimeSpan.FromSeconds(2));
        var session = Session(expiresIn: TimeSpan.FromSeconds(30));
        var token = tokens.IssueSessionToken(session);
        var exp = DateTimeOffset.FromUnixTimeSeconds(Part(token, 1)["exp"]!.GetValue<long>());

        _time.SetUtcNow(exp.AddSeconds(2).AddTicks(-1));
        tokens.ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.None);

        _time.SetUtcNow(exp.AddSeconds(2));
        tokens.ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.Expired);
    }

    [Test]
    public void SessionToken_ZeroSkew_ExpiredAtExp()
    {
        var tokens = Service(o => o.ClockSkew = TimeSpan.Zero);
        var token = tokens.IssueSessionToken(Session(expiresIn: TimeSpan.FromSeconds(30)));

        _time.Advance(TimeSpan.FromSeconds(30));

        tokens.ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.Expired);
    }

    [Test]
    public void ValidateSessionToken_OtherSession_ReturnsWrongSession()
    {
        var tokens = Service();

        var validation = tokens.ValidateSessionToken(tokens.IssueSessionToken(Session("s-1")), "s-2");

        validation.Should().Be(new SessionTokenValidation(TokenValidationReason.WrongSession));
    }

    [TestCase(null, TokenValidationReason.Missing)]
    [TestCase("", TokenValidationReason.Missing)]
    [TestCase("   ", TokenValidationReason.Missing)]
    [TestCase("not-a-jwt", TokenValidationReason.Malformed)]
    [TestCase("a.b.c", TokenValidationReason.Malformed)]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.!!!.x", TokenValidationReason.Malformed)]
    public void Validate_MissingOrGarbage_ReturnsError(string? token, TokenValidationReason expected)
    {
        var tokens = Service();

        tokens.ValidateSessionToken(token, "s-1").Reason.Should().Be(expected);
        tokens.ValidateResultToken(token).Reason.Should().Be(expected);
    }

    [Test]
    public void Validate_OverlongToken_ReturnsMalformedWithoutParsing()
    {
        var tokens = Service();
        var padded = WithPayload(tokens.IssueSessionToken(Session()), p => p["pad"] = new string('x', JwtFaceVerificationTokens.MaximumTokenLength));

        tokens.ValidateSessionToken(padded, "s-1").Reason.Should().Be(TokenValidationReason.Malformed);
    }

    [Test]
    public void Validate_TamperedPayload_ReturnsInvalidSignature()
    {
        var tokens = Service();
        var session = tokens.IssueSessionToken(Session());
        var result = tokens.IssueResultToken(FinalSession(SessionStatus.Failed, ChallengeReason.IdentityMismatch)).Token;

        var forgedSession = WithPayload(session, p => p["sid"] = "s-2");
        var forgedResult = WithPayload(result, p => p["status"] = "Passed");

        tokens.ValidateSessionToken(forgedSession, "s-2").Reason.Should().Be(TokenValidationReason.InvalidSignature);
        tokens.ValidateResultToken(forgedResult).Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [Test]
    public void Validate_TamperedSignature_ReturnsInvalidSignature()
    {
        var tokens = Service();
        var token = tokens.IssueSessionToken(Session());
        var parts = token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[0] = signature[0] == 'A' ? 'B' : 'A';

        var tampered = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        tokens.ValidateSessionToken(tampered, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
        tokens.ValidateSessionToken($"{parts[0]}.{parts[1]}.", "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [Test]
    public void Validate_SameKidOtherSecret_ReturnsInvalidSignature()
    {
        var token = Service(keys: ("k1", SecretTwo)).IssueSessionToken(Session());

        Service(keys: ("k1", SecretOne)).ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [Test]
    public void Validate_UnknownKid_ReturnsInvalidSignature()
    {
        var token = Service(keys: ("k9", SecretOne)).IssueSessionToken(Session());

        Service(keys: ("k1", SecretOne)).ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [Test]
    public void Validate_NoKid_ReturnsInvalidSignature()
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var token = Service().IssueSessionToken(Session());
        var parts = token.Split('.');

        var withoutKid = $"{Encode(header)}.{parts[1]}.{parts[2]}";

        Service().ValidateSessionToken(withoutKid, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [Test]
    public void Rotation_OldKeyStillValidates_NewKeySigns_RetiredKeyRefused()
    {
        var before = Service(keys: ("k1", SecretOne));
        var during = Service(o => o.ActiveKeyId = "k2", ("k1", SecretOne), ("k2", SecretTwo));
        var after = Service(keys: ("k2", SecretTwo));
        var oldToken = before.IssueSessionToken(Session());

        var newToken = during.IssueSessionToken(Session());

        Part(newToken, 0)["kid"]!.GetValue<string>().Should().Be("k2");
        during.ValidateSessionToken(oldToken, "s-1").Succeeded.Should().BeTrue("tokens signed before the rotation still validate");
        during.ValidateSessionToken(newToken, "s-1").Succeeded.Should().BeTrue();
        after.ValidateSessionToken(newToken, "s-1").Succeeded.Should().BeTrue();
        after.ValidateSessionToken(oldToken, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature, "the retired key no longer validates");
        before.ValidateSessionToken(newToken, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [TestCase("none", "k1")]
    [TestCase("none", null)]
    [TestCase("None", "k1")]
    public void Validate_AlgNone_ReturnsInvalidSignature(string alg, string? kid)
    {
        var tokens = Service();
        var genuine = tokens.IssueSessionToken(Session());
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT" };
        if (kid is not null)
        {
            header["kid"] = kid;
        }

        var unsigned = $"{Encode(header)}.{genuine.Split('.')[1]}.";

        tokens.ValidateSessionToken(unsigned, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
        tokens.ValidateResultToken($"{Encode(header)}.{tokens.IssueResultToken(FinalSession()).Token.Split('.')[1]}.").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [TestCase("HS384")]
    [TestCase("HS512")]
    public void Validate_OtherHmacAlgorithmWithTheRightKey_ReturnsInvalidSignature(string algorithm)
    {
        var token = SignByHand(algorithm, SecretOne);

        Service().ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.InvalidSignature);
    }

    [Test]
    public void Validate_HandMadeHs256TokenWithTheRightKey_IsValid()
    {
        // Guards the tests above: the same hand-made token with HS256 passes, so they fail for the algorithm alone.
        Service().ValidateSessionToken(SignByHand("HS256", SecretOne), "s-1").Succeeded.Should().BeTrue();
        Service().ValidateSessionToken(Sign(SessionClaims(), SecretOne, "k1"), "s-1").Succeeded.Should().BeTrue();
    }

    private string SignByHand(string algorithm, string secret)
    {
        var header = new JsonObject { ["alg"] = algorithm, ["typ"] = "JWT", ["kid"] = "k1" };
        var payload = new JsonObject { ["iss"] = "faceverify", ["aud"] = "faceverify" };
        foreach (var (name, value) in SessionClaims())
        {
            payload[name] = JsonValue.Create(value);
        }

        var signingInput = $"{Encode(header)}.{Encode(payload)}";
        var key = Convert.FromBase64String(secret);
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = algorithm switch
        {
            "HS256" => System.Security.Cryptography.HMACSHA256.HashData(key, data),
            "HS384" => System.Security.Cryptography.HMACSHA384.HashData(key, data),
            _ => System.Security.Cryptography.HMACSHA512.HashData(key, data),
        };
        return $"{signingInput}.{Base64UrlEncoder.Encode(signature)}";
    }

    [Test]
    public void SessionToken_PresentedAsResultToken_ReturnsMalformed()
    {
        var tokens = Service();
        var sessionToken = tokens.IssueSessionToken(Session());

        tokens.ValidateResultToken(sessionToken).Reason.Should().Be(TokenValidationReason.Malformed);
        tokens.ValidateResultToken(Sign(SessionClaims("session"), SecretOne, "k1")).Reason.Should().Be(TokenValidationReason.Malformed, "even when it carries status and reason");
    }

    [Test]
    public void ResultToken_PresentedAsSessionToken_ReturnsMalformed()
    {
        var tokens = Service();
        var result = tokens.IssueResultToken(FinalSession());

        tokens.ValidateSessionToken(result.Token, "s-1").Reason.Should().Be(TokenValidationReason.Malformed);
    }

    [TestCase(null)]
    [TestCase("other")]
    public void Validate_TokenUseMissingOrUnknown_ReturnsMalformed(string? use)
    {
        var claims = SessionClaims();
        claims.Remove("token_use");
        if (use is not null)
        {
            claims["token_use"] = use;
        }

        var token = Sign(claims, SecretOne, "k1");

        Service().ValidateSessionToken(token, "s-1").Reason.Should().Be(TokenValidationReason.Malformed);
        Service().ValidateResultToken(token).Reason.Should().Be(TokenValidationReason.Malformed);
    }

    [Test]
    public void Validate_OtherIssuerOrAudience_IsRefused()
    {
        var token = Service(o => o.Issuer = "someone-else").IssueSessionToken(Session());
        var otherAudience = Service(o => o.Audience = "another-app").IssueSessionToken(Session());

        Service().ValidateSessionToken(token, "s-1").Succeeded.Should().BeFalse();
        Service().ValidateSessionToken(otherAudience, "s-1").Succeeded.Should().BeFalse();
    }

    [Test]
    public void ResultToken_RoundTrip_ReturnsEveryClaim()
    {
        var tokens = Service();
        var session = FinalSession(SessionStatus.Failed, ChallengeReason.TrajectoryNotSmooth);

        var issued = tokens.IssueResultToken(session);
        var validation = tokens.ValidateResultToken(issued.Token);

        validation.Succeeded.Should().BeTrue();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds());
        validation.Claims.Should().Be(new ResultTokenClaims(issued.TokenId, "s-1", "alice", SessionStatus.Failed, ChallengeReason.TrajectoryNotSmooth, issuedAt, issuedAt.AddMinutes(2)));
        validation.Claims!.Passed.Should().BeFalse();
        issued.ExpiresAt.Should().Be(issuedAt.AddMinutes(2));
        Part(issued.Token, 1)["token_use"]!.GetValue<string>().Should().Be("result");
        Part(issued.Token, 1)["status"]!.GetValue<string>().Should().Be("Failed");
        Part(issued.Token, 1)["reason"]!.GetValue<string>().Should().Be("TrajectoryNotSmooth");
    }

    [Test]
    public void ResultToken_IssuedAgainForOneSession_KeepsOneProofIdPerSession()
    {
        var tokens = Service();
        var session = FinalSession();
        var other = Session("s-2").WithFrameAccepted().Complete(new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, 0), Now);

        var ids = Enumerable.Range(0, 50).Select(_ => tokens.IssueResultToken(session).TokenId).Append(tokens.IssueFaceLoginToken(session, 95).TokenId).ToArray();

        ids.Should().OnlyContain(id => id == ids[0], "verify called again and face login name the same proof: a relying party redeeming jti accepts one");
        ids[0].Should().HaveLength(22);
        tokens.IssueResultToken(other).TokenId.Should().NotBe(ids[0]);
        tokens.IssueResultToken(session).Token.Should().NotBe(tokens.IssueFaceLoginToken(session, 95).Token);
    }

    [Test]
    public void ResultToken_Proof_NamesWhatTheSessionProved()
    {
        var tokens = Service();

        var liveness = tokens.ValidateResultToken(tokens.IssueResultToken(FinalSession()).Token).Claims!;
        var login = tokens.ValidateResultToken(tokens.IssueFaceLoginToken(FinalSession(), 97.456).Token).Claims!;
        var failed = tokens.ValidateResultToken(tokens.IssueResultToken(FinalSession(SessionStatus.Failed, ChallengeReason.StateTimeout)).Token).Claims!;
        var whole = tokens.ValidateResultToken(tokens.IssueFaceLoginToken(FinalSession(), 99).Token).Claims!;

        (liveness.Proof, liveness.Similarity).Should().Be((ResultProof.Liveness, (double?)null));
        (login.Proof, login.Similarity).Should().Be((ResultProof.LivenessAndFaceMatch, (double?)97.46));
        (failed.Proof, failed.Similarity).Should().Be((ResultProof.None, (double?)null));
        whole.Similarity.Should().Be(99, "a whole-number similarity reads back too");
        Part(tokens.IssueFaceLoginToken(FinalSession(), 97.456).Token, 1)["proof"]!.GetValue<string>().Should().Be("liveness_and_face_match");
        Part(tokens.IssueResultToken(FinalSession()).Token, 1)["proof"]!.GetValue<string>().Should().Be("liveness");
    }

    [Test]
    public void IssueFaceLoginToken_SessionNotPassed_Throws()
    {
        var act = () => Service().IssueFaceLoginToken(FinalSession(SessionStatus.Failed, ChallengeReason.StateTimeout), 99);

        act.Should().Throw<ArgumentException>();
    }

    [TestCase("Passed", null, null)]
    [TestCase("Passed", "none", null)]
    [TestCase("Failed", "liveness", null)]
    [TestCase("Passed", "liveness_and_face_match", null)]
    [TestCase("Passed", "liveness", 95.0)]
    [TestCase("Passed", "liveness_and_face_match", 100.5)]
    [TestCase("Passed", "face", 95.0)]
    public void ResultToken_ProofDisagreeingWithStatusOrSimilarity_IsMalformed(string status, string? proof, double? similarity)
    {
        var claims = SessionClaims("result");
        claims["status"] = status;
        claims["reason"] = status == "Passed" ? "Passed" : "StateTimeout";
        if (proof is not null)
        {
            claims["proof"] = proof;
        }

        if (similarity is { } value)
        {
            claims["similarity"] = value;
        }

        Service().ValidateResultToken(Sign(claims, SecretOne, "k1")).Reason.Should().Be(TokenValidationReason.Malformed);
    }

    [Test]
    public void ResultToken_AfterLifetime_ReturnsExpired()
    {
        var tokens = Service(o => o.ClockSkew = TimeSpan.Zero);
        var issued = tokens.IssueResultToken(FinalSession());

        _time.SetUtcNow(issued.ExpiresAt.AddTicks(-1));
        tokens.ValidateResultToken(issued.Token).Succeeded.Should().BeTrue();
        _time.SetUtcNow(issued.ExpiresAt);

        tokens.ValidateResultToken(issued.Token).Reason.Should().Be(TokenValidationReason.Expired);
    }

    [TestCase("Collecting", "Passed")]
    [TestCase("passed", "Passed")]
    [TestCase("Passed", "NoSuchReason")]
    [TestCase("Passed", "1")]
    public void ValidateResultToken_SignedButBadStatusOrReason_ReturnsMalformed(string status, string reason)
    {
        var claims = SessionClaims("result");
        claims["status"] = status;
        claims["reason"] = reason;

        Service().ValidateResultToken(Sign(claims, SecretOne, "k1")).Reason.Should().Be(TokenValidationReason.Malformed);
    }

    [Test]
    public void IssueResultToken_SessionNotFinal_Throws()
    {
        Service().Invoking(t => t.IssueResultToken(Session())).Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_InvalidOptions_ThrowsOptionsValidationException()
    {
        var act = () => Service(o => o.ActiveKeyId = "k2");

        act.Should().Throw<OptionsValidationException>().WithMessage("*ActiveKeyId 'k2' names no key*");
    }

    [Test]
    public void Constructor_SingleKeyWithoutActiveKeyId_SignsWithIt()
    {
        var token = Service(o => o.ActiveKeyId = null, ("only", SecretTwo)).IssueSessionToken(Session());

        Part(token, 0)["kid"]!.GetValue<string>().Should().Be("only");
    }

    [Test]
    public async Task ResultToken_ValidatedOfflineAsInDocs_IsAccepted()
    {
        // The relying-party snippet of docs/tokens.md, with the system clock as a relying party would use.
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var options = new TokenOptions { ActiveKeyId = "k2" };
        options.SigningKeys.Add(new TokenSigningKey { Id = "k1", Secret = SecretOne });
        options.SigningKeys.Add(new TokenSigningKey { Id = "k2", Secret = SecretTwo });
        var session = new JwtFaceVerificationTokens(Options.Create(options), time);
        var issued = session.IssueFaceLoginToken(FinalSession(), 96.5);
        var configuredKeys = new[] { ("k1", SecretOne), ("k2", SecretTwo) };
        var (accepted, tokenId, userId) = await RelyingPartyAsync(issued.Token, configuredKeys);
        var (livenessOnly, livenessTokenId, _) = await RelyingPartyAsync(session.IssueResultToken(FinalSession()).Token, configuredKeys);

        accepted.Should().BeTrue();
        livenessOnly.Should().BeFalse("a liveness-only token does not prove a face login");
        livenessTokenId.Should().Be(tokenId, "one session, one proof id to redeem");
        tokenId.Should().Be(issued.TokenId);
        userId.Should().Be("alice");
        var liveSession = Session() with { CreatedAt = time.GetUtcNow(), ExpiresAt = time.GetUtcNow().AddMinutes(5) };
        var sessionToken = session.IssueSessionToken(liveSession);
        var (sessionTokenAccepted, _, _) = await RelyingPartyAsync(sessionToken, configuredKeys);
        sessionTokenAccepted.Should().BeFalse("the snippet's token_use check refuses session tokens");
    }

    private static async Task<(bool Accepted, string TokenId, string UserId)> RelyingPartyAsync(string token, (string, string)[] configuredKeys)
    {
        // --- snippet ---
        var parameters = new TokenValidationParameters
        {
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKeys = configuredKeys.Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k.Item2)) { KeyId = k.Item1 }),
            TryAllIssuerSigningKeys = false,
            ValidIssuer = "faceverify",
            ValidAudience = "faceverify",
            ClockSkew = TimeSpan.FromSeconds(2),
        };
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        var accepted = result.IsValid
            && result.Claims.TryGetValue("token_use", out var use) && use as string == "result"
            && result.Claims.TryGetValue("status", out var status) && status as string == "Passed"
            && result.Claims.TryGetValue("proof", out var proof) && proof as string == "liveness_and_face_match";
        var tokenId = (string)result.Claims["jti"];
        var userId = (string)result.Claims["sub"];
        // --- end of snippet ---

        result.IsValid.Should().BeTrue("signature and lifetime alone do not tell the kinds apart");
        return (accepted, tokenId, userId);
    }
}
