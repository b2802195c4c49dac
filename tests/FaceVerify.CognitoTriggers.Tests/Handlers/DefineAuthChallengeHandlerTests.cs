using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Hosting;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Handlers;

public class DefineAuthChallengeHandlerTests
{
    private const string Ours = CognitoTriggerOptions.ChallengeMetadata;
    private readonly TriggerTestHost _host = new();

    [TearDown]
    public void TearDown() => _host.Dispose();

    private async Task<JsonNode> DefineAsync(string fixture, Action<JsonObject>? edit = null)
    {
        var evt = Fixtures.Json(fixture);
        edit?.Invoke(evt["request"]!.AsObject());
        return Fixtures.Read(await _host.Define.HandleAsync(Fixtures.Stream(evt)))["response"]!;
    }

    private static JsonArray Rounds(params (string Name, bool Result, string? Metadata)[] rounds)
        => [.. rounds.Select(r => (JsonNode)new JsonObject { ["challengeName"] = r.Name, ["challengeResult"] = r.Result, ["challengeMetadata"] = r.Metadata })];

    [Test]
    public async Task Handle_FirstCall_AsksForTheCustomChallenge()
    {
        var response = await DefineAsync(Fixtures.DefineFirst);

        response["challengeName"]!.GetValue<string>().Should().Be("CUSTOM_CHALLENGE");
        response["issueTokens"]!.GetValue<bool>().Should().BeFalse();
        response["failAuthentication"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Handle_RecordedEventAfterOneWrongAnswer_AsksAgain()
    {
        var response = await DefineAsync(Fixtures.DefineAfterWrongAnswer);

        response["challengeName"]!.GetValue<string>().Should().Be("CUSTOM_CHALLENGE");
        response["failAuthentication"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Handle_CorrectAnswerToOurChallenge_IssuesTokens()
    {
        var response = await DefineAsync(Fixtures.DefineFirst, r => r["session"] = Rounds(("CUSTOM_CHALLENGE", false, Ours), ("CUSTOM_CHALLENGE", true, Ours)));

        response["issueTokens"]!.GetValue<bool>().Should().BeTrue();
        response["failAuthentication"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Handle_ThreeWrongAnswers_FailsAuthentication()
    {
        var response = await DefineAsync(Fixtures.DefineFirst, r => r["session"] = Rounds(("CUSTOM_CHALLENGE", false, Ours), ("CUSTOM_CHALLENGE", false, Ours), ("CUSTOM_CHALLENGE", false, Ours)));

        response["failAuthentication"]!.GetValue<bool>().Should().BeTrue();
        response["issueTokens"]!.GetValue<bool>().Should().BeFalse();
    }

    [TestCase("SRP_A", true)]
    [TestCase("PASSWORD_VERIFIER", true)]
    [TestCase("SMS_MFA", false)]
    public async Task Handle_AnyOtherChallengeInTheSession_FailsAuthentication(string other, bool result)
    {
        var response = await DefineAsync(Fixtures.DefineFirst, r => r["session"] = Rounds((other, result, null), ("CUSTOM_CHALLENGE", true, Ours)));

        response["failAuthentication"]!.GetValue<bool>().Should().BeTrue();
        response["issueTokens"]!.GetValue<bool>().Should().BeFalse();
    }

    [TestCase("FACE_v1")]
    [TestCase(null)]
    public async Task Handle_CorrectAnswerToAForeignRound_FailsAuthentication(string? metadata)
    {
        var response = await DefineAsync(Fixtures.DefineFirst, r => r["session"] = Rounds(("CUSTOM_CHALLENGE", true, metadata)));

        response["issueTokens"]!.GetValue<bool>().Should().BeFalse();
        response["failAuthentication"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Handle_UnknownUserWithACorrectRound_NeverIssuesTokens()
    {
        var response = await DefineAsync(Fixtures.DefineFirst, r =>
        {
            r["userNotFound"] = true;
            r["session"] = Rounds(("CUSTOM_CHALLENGE", true, Ours));
        });

        response["issueTokens"]!.GetValue<bool>().Should().BeFalse();
    }

    [Test]
    public async Task Handle_MaxWrongAnswersConfigured_IsHonoured()
    {
        using var host = new TriggerTestHost(configureTriggers: o => o.MaxWrongAnswers = 1);
        var evt = Fixtures.Json(Fixtures.DefineAfterWrongAnswer);

        var response = Fixtures.Read(await host.Define.HandleAsync(Fixtures.Stream(evt)))["response"]!;

        response["failAuthentication"]!.GetValue<bool>().Should().BeTrue();
    }

    [Test]
    public async Task Handle_CreateEvent_IsAClearError()
    {
        var act = () => _host.Define.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.Create)));

        await act.Should().ThrowAsync<MalformedEventException>().WithMessage("*does not handle triggerSource 'CreateAuthChallenge_Authentication'*");
    }
}
