using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Handlers;

public class VerifyAuthChallengeResponseHandlerTests
{
    private readonly TriggerTestHost _host = new();

    [TearDown]
    public void TearDown() => _host.Dispose();

    private async Task<(bool Correct, VerifyDecision Decision)> VerifyAsync(Action<JsonObject> edit)
    {
        var json = Fixtures.Json(Fixtures.Verify);
        edit(json["request"]!.AsObject());
        var evt = CognitoEvent.Parse(Fixtures.Stream(json));
        var decision = await _host.Verify.HandleAsync(evt);
        return (Fixtures.Read(evt.ToStream())["response"]!["answerCorrect"]!.GetValue<bool>(), decision);
    }

    private async Task<string> PassedSessionAsync()
    {
        await _host.EnrolAsync(Fixtures.JaneSub);
        var created = await new CognitoDriver(_host).CreateOnceAsync(CognitoUser.Jane);
        return await _host.RunChallengeAsync(created["publicChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));
    }

    [Test]
    public async Task Handle_RecordedEvent_ReferenceStyleAnswerIsWrongNotAnError()
    {
        // The recorded event carries the reference's private parameters (a FaceId) and a free-form answer.
        var (correct, decision) = await VerifyAsync(_ => { });

        correct.Should().BeFalse();
        decision.Check.Should().Be(VerifyCheck.NoSession);
    }

    [Test]
    public async Task Handle_AnswerEqualsThePrivatePassedSession_IsCorrect()
    {
        var sessionId = await PassedSessionAsync();

        var (correct, decision) = await VerifyAsync(r =>
        {
            r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId };
            r["challengeAnswer"] = sessionId;
        });

        correct.Should().BeTrue();
        decision.LoginReason.Should().Be(FaceLoginReason.None);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("someone-elses-session")]
    public async Task Handle_AnswerIsNotThePrivateSession_IsWrongWithoutTouchingTheSession(string? answer)
    {
        var sessionId = await PassedSessionAsync();

        var (correct, decision) = await VerifyAsync(r =>
        {
            r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId };
            r["challengeAnswer"] = answer;
        });
        var stillUsable = await VerifyAsync(r =>
        {
            r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId };
            r["challengeAnswer"] = sessionId;
        });

        correct.Should().BeFalse();
        decision.Check.Should().Be(VerifyCheck.WrongSession);
        stillUsable.Correct.Should().BeTrue("a wrong answer does not burn the user's real session");
    }

    [Test]
    public async Task Handle_HugeAnswer_IsWrong()
    {
        var sessionId = await PassedSessionAsync();

        var (correct, decision) = await VerifyAsync(r =>
        {
            r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId };
            r["challengeAnswer"] = new string('a', 131072);
        });

        correct.Should().BeFalse();
        decision.Check.Should().Be(VerifyCheck.WrongSession);
    }

    [Test]
    public async Task Handle_UnknownUser_IsWrongEvenWithAPassedSession()
    {
        var sessionId = await PassedSessionAsync();

        var (correct, decision) = await VerifyAsync(r =>
        {
            r["userNotFound"] = true;
            r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId };
            r["challengeAnswer"] = sessionId;
        });

        correct.Should().BeFalse();
        decision.Check.Should().Be(VerifyCheck.UnknownUser);
    }

    [Test]
    public async Task Handle_FaceVerifyFault_AnswersWrongInsteadOfThrowing()
    {
        var sessionId = await PassedSessionAsync();
        _host.Comparer.SimilarityFunction = (_, _) => throw new FaceVerificationException("Rekognition is down.");

        var (correct, decision) = await VerifyAsync(r =>
        {
            r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = sessionId };
            r["challengeAnswer"] = sessionId;
        });

        correct.Should().BeFalse();
        decision.Check.Should().Be(VerifyCheck.Unavailable);
    }

    [Test]
    public async Task Handle_DefineEvent_IsAClearError()
    {
        var act = () => _host.Verify.HandleAsync(Fixtures.Stream(Fixtures.Text(Fixtures.DefineFirst)));

        await act.Should().ThrowAsync<MalformedEventException>();
    }

    [Test]
    public async Task Handle_PrivateParametersNotStrings_IsAClearError()
    {
        var act = () => VerifyAsync(r => r["privateChallengeParameters"] = new JsonObject { ["sessionId"] = 42 });

        await act.Should().ThrowAsync<MalformedEventException>().WithMessage("*privateChallengeParameters*");
    }
}
