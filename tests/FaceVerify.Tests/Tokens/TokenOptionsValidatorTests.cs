namespace FaceVerify.Tests.Tokens;

public class TokenOptionsValidatorTests
{
    private static readonly string Secret32 = Convert.ToBase64String(new byte[32]);

    private static TokenOptions Valid()
    {
        var options = new TokenOptions { ActiveKeyId = "k1" };
        options.SigningKeys.Add(new TokenSigningKey { Id = "k1", Secret = Secret32 });
        return options;
    }

    private static IEnumerable<string> Failures(TokenOptions options)
        => new TokenOptionsValidator().Validate(null, options).Failures ?? [];

    [Test]
    public void Validate_ValidOptions_Succeeds()
    {
        new TokenOptionsValidator().Validate(null, Valid()).Succeeded.Should().BeTrue();
    }

    [Test]
    public void Defaults_AreDocumentedValues()
    {
        var options = new TokenOptions();

        options.Issuer.Should().Be("faceverify");
        options.Audience.Should().Be("faceverify");
        options.SessionTokenLifetime.Should().Be(TimeSpan.FromMinutes(10));
        options.ResultTokenLifetime.Should().Be(TimeSpan.FromMinutes(2));
        options.ClockSkew.Should().Be(TimeSpan.FromSeconds(2));
        options.SigningKeys.Should().BeEmpty();
        options.ActiveKeyId.Should().BeNull();
    }

    [Test]
    public void Validate_ActiveKeyIdNamesNoKey_NamesTheSettings()
    {
        var options = Valid();
        options.ActiveKeyId = "k2";

        Failures(options).Should().ContainSingle().Which.Should().Be("FaceVerify:Tokens:ActiveKeyId 'k2' names no key in FaceVerify:Tokens:SigningKeys.");
    }

    [Test]
    public void Validate_NoKeys_ExplainsHowToConfigure()
    {
        Failures(new TokenOptions()).Should().ContainSingle().Which.Should()
            .StartWith("FaceVerify:Tokens:SigningKeys is empty").And.Contain("UseEphemeralSigningKey()");
    }

    [Test]
    public void Validate_DuplicateIds_NamesTheSecondKey()
    {
        var options = Valid();
        options.SigningKeys.Add(new TokenSigningKey { Id = "k1", Secret = Secret32 });

        Failures(options).Should().ContainSingle().Which.Should().Be("FaceVerify:Tokens:SigningKeys:1:Id 'k1' is used by more than one key in FaceVerify:Tokens:SigningKeys.");
    }

    [Test]
    public void Validate_ShortSecret_NamesKeyAndLengthButNotTheSecret()
    {
        var options = Valid();
        var shortSecret = Convert.ToBase64String(Enumerable.Range(1, 31).Select(i => (byte)i).ToArray());
        options.SigningKeys[0].Secret = shortSecret;

        var failure = Failures(options).Should().ContainSingle().Subject;

        failure.Should().Be("FaceVerify:Tokens:SigningKeys:0:Secret (key 'k1') decodes to 31 bytes; at least 32 are required.");
        failure.Should().NotContain(shortSecret);
    }

    [TestCase("")]
    [TestCase("not base64 !!")]
    public void Validate_SecretNotBase64_NamesTheSetting(string secret)
    {
        var options = Valid();
        options.SigningKeys[0].Secret = secret;

        Failures(options).Should().ContainSingle().Which.Should().Be("FaceVerify:Tokens:SigningKeys:0:Secret (key 'k1') is empty or not valid base64.");
    }

    [Test]
    public void Validate_EmptyId_NamesTheSetting()
    {
        var options = Valid();
        options.ActiveKeyId = null;
        options.SigningKeys[0].Id = " ";

        Failures(options).Should().ContainSingle().Which.Should().Be("FaceVerify:Tokens:SigningKeys:0:Id is empty.");
    }

    [Test]
    public void Validate_SeveralKeysWithoutActiveKeyId_RequiresIt()
    {
        var options = Valid();
        options.ActiveKeyId = null;
        options.SigningKeys.Add(new TokenSigningKey { Id = "k2", Secret = Secret32 });

        Failures(options).Should().ContainSingle().Which.Should().Be("FaceVerify:Tokens:ActiveKeyId is required when FaceVerify:Tokens:SigningKeys holds more than one key.");
    }

    [Test]
    public void Validate_SingleKeyWithoutActiveKeyId_Succeeds()
    {
        var options = Valid();
        options.ActiveKeyId = null;

        Failures(options).Should().BeEmpty();
    }

    [Test]
    public void Validate_NonPositiveLifetimesAndBadSkew_NameEachSetting()
    {
        var options = Valid();
        options.SessionTokenLifetime = TimeSpan.Zero;
        options.ResultTokenLifetime = TimeSpan.FromSeconds(-1);
        options.ClockSkew = TimeSpan.FromMinutes(6);

        Failures(options).Should().BeEquivalentTo(
            "FaceVerify:Tokens:SessionTokenLifetime must be at least 1 second; it is 00:00:00.",
            "FaceVerify:Tokens:ResultTokenLifetime must be at least 1 second; it is -00:00:01.",
            "FaceVerify:Tokens:ClockSkew must be between 0 and 00:05:00; it is 00:06:00.");
    }

    [Test]
    public void Validate_EmptyIssuerAndAudience_NameEachSetting()
    {
        var options = Valid();
        options.Issuer = "";
        options.Audience = " ";

        Failures(options).Should().BeEquivalentTo("FaceVerify:Tokens:Issuer is empty.", "FaceVerify:Tokens:Audience is empty.");
    }

    [Test]
    public void GenerateSecret_Returns32RandomBytesInBase64()
    {
        var a = TokenOptions.GenerateSecret();
        var b = TokenOptions.GenerateSecret();

        Convert.FromBase64String(a).Should().HaveCount(32);
        a.Should().NotBe(b);
    }
}
