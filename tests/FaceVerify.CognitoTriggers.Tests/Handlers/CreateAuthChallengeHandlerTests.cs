using System.Text.Json;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Hosting;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Handlers;

public class CreateAuthChallengeHandlerTests
{
    private readonly TriggerTestHost _host = new();

    [TearDown]
    public void TearDown() => _host.Dispose();

    private async Task<(Dictionary<string, string> Public, Dictionary<string, string> Private, string Metadata)> CreateAsync(string fixture = Fixtures.Create, Action<System.Text.Json.Nodes.JsonObject>? edit = null)
    {
        var evt = Fixtures.Json(fixture);
        edit?.Invoke(evt["request"]!.AsObject());
        var response = Fixtures.Read(await _host.Create.HandleAsync(Fixtures.Stream(evt)))["response"]!;
        return (
            response["publicChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            response["privateChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()),
            response["challengeMetadata"]!.GetValue<string>());
    }

    [Test]
    public async Task Handle_RecordedEvent_StartsASessionForThatUserAndKeepsItsIdPrivateToo()
    {
        var (publicParameters, privateParameters, metadata) = await CreateAsync();

        var session = await _host.Sessions.GetSessionAsync(publicParameters["sessionId"], default);
        session.Should().NotBeNull();
        session!.UserId.Should().Be(Fixtures.JaneSub);
        privateParameters.Should().Equal(new Dictionary<string, string> { ["sessionId"] = session.Id });
        metadata.Should().Be(CognitoTriggerOptions.ChallengeMetadata);
        publicParameters["challengeType"].Should().Be(CountingChallenge.Name);
        JsonDocument.Parse(publicParameters["challengeParameters"]).RootElement.GetProperty("target").GetInt32().Should().Be(3);
        publicParameters["expiresAt"].Should().Be(session.ExpiresAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        publicParameters["apiUrl"].Should().Be("https://faceverify.example.com");
        publicParameters.Should().NotContainKey("faceId", "nothing about the enrolled face leaves the server (the reference sent the FaceId)");
    }

    [Test]
    public async Task Handle_SessionToken_IsValidForTheSessionOnly()
    {
        var (publicParameters, _, _) = await CreateAsync();
        var tokens = (IFaceVerificationTokens)_host.Services.GetService(typeof(IFaceVerificationTokens))!;

        tokens.ValidateSessionToken(publicParameters["sessionToken"], publicParameters["sessionId"]).Succeeded.Should().BeTrue();
        tokens.ValidateSessionToken(publicParameters["sessionToken"], "another").Succeeded.Should().BeFalse();
    }

    [Test]
    public async Task Handle_FrameSizeInClientMetadata_IsUsedForTheSession()
    {
        var (publicParameters, _, _) = await CreateAsync(Fixtures.Create, r => r["clientMetadata"] = CognitoEvent.StringMapNode([new("frameWidth", "800"), new("frameHeight", "600")]));

        var session = await _host.Sessions.GetSessionAsync(publicParameters["sessionId"], default);
        (session!.FrameWidth, session.FrameHeight).Should().Be((800, 600));
        (publicParameters["frameWidth"], publicParameters["frameHeight"]).Should().Be(("800", "600"));
    }

    [TestCase("0", "480")]
    [TestCase("-640", "480")]
    [TestCase("100000", "480")]
    [TestCase("640.5", "480")]
    [TestCase("640", "")]
    [TestCase(" 640", "480")]
    [TestCase("0x280", "480")]
    public async Task Handle_InvalidFrameSize_FallsBackToTheDefault(string width, string height)
    {
        var (publicParameters, _, _) = await CreateAsync(Fixtures.Create, r => r["clientMetadata"] = CognitoEvent.StringMapNode([new("frameWidth", width), new("frameHeight", height)]));

        var session = await _host.Sessions.GetSessionAsync(publicParameters["sessionId"], default);
        (session!.FrameWidth, session.FrameHeight).Should().Be((640, 480));
    }

    [Test]
    public async Task Handle_UnknownUser_ReturnsADecoyOfTheSameShapeWithoutStartingASession()
    {
        var real = await CreateAsync();
        var decoy = await CreateAsync(Fixtures.Create, r =>
        {
            r["userNotFound"] = true;
            r["userAttributes"] = new System.Text.Json.Nodes.JsonObject();
        });

        decoy.Public.Keys.Should().BeEquivalentTo(real.Public.Keys);
        decoy.Private.Keys.Should().BeEquivalentTo(real.Private.Keys);
        decoy.Metadata.Should().Be(real.Metadata);
        decoy.Public["sessionId"].Should().HaveLength(real.Public["sessionId"].Length).And.NotBe(real.Public["sessionId"]);
        JsonDocument.Parse(decoy.Public["challengeParameters"]).RootElement.EnumerateObject().Select(p => p.Name)
            .Should().Equal(JsonDocument.Parse(real.Public["challengeParameters"]).RootElement.EnumerateObject().Select(p => p.Name));
        (await _host.Sessions.GetSessionAsync(decoy.Public["sessionId"], default)).Should().BeNull();
    }

    [Test]
    public async Task Handle_LockedOutUser_GetsADecoyAndNoSession()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateAsync();
        }

        var locked = await CreateAsync();

        (await _host.Sessions.GetSessionAsync(locked.Public["sessionId"], default)).Should().BeNull();
        locked.Public.Keys.Should().Contain(["sessionId", "sessionToken", "challengeType", "challengeParameters", "frameWidth", "frameHeight", "expiresAt"]);
    }

    [Test]
    public async Task Handle_FaceVerifyFault_AnswersWithADecoyInsteadOfAnError()
    {
        using var host = new TriggerTestHost(failingAttemptStore: true);
        var evt = Fixtures.Json(Fixtures.Create);

        var response = Fixtures.Read(await host.Create.HandleAsync(Fixtures.Stream(evt)))["response"]!;

        var sessionId = response["publicChallengeParameters"]!["sessionId"]!.GetValue<string>();
        (await host.Sessions.GetSessionAsync(sessionId, default)).Should().BeNull();
        response["privateChallengeParameters"]!["sessionId"]!.GetValue<string>().Should().Be(sessionId);
    }

    [Test]
    public async Task Handle_OtherChallengeName_IsAClearError()
    {
        var act = () => CreateAsync(Fixtures.Create, r => r["challengeName"] = "PASSWORD_VERIFIER");

        await act.Should().ThrowAsync<MalformedEventException>().WithMessage("*only creates CUSTOM_CHALLENGE*");
    }
}
