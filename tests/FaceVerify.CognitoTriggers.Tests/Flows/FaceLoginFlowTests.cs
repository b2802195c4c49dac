using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Tests.Infrastructure;

namespace FaceVerify.CognitoTriggers.Tests.Flows;

/// <summary>Whole custom-auth flows: the driver plays Cognito, the host plays the FaceVerify API and the camera.</summary>
public class FaceLoginFlowTests
{
    private TriggerTestHost _host = null!;
    private CognitoDriver _cognito = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = new TriggerTestHost();
        _cognito = new CognitoDriver(_host);
        await _host.EnrolAsync(CognitoUser.Jane.Sub);
        await _host.EnrolAsync(CognitoUser.Bob.Sub);

        // Each enrolment used one liveness session; the flows below start in a fresh attempt window.
        _host.Time.Advance(TimeSpan.FromMinutes(15));
    }

    [TearDown]
    public void TearDown() => _host.Dispose();

    [Test]
    public async Task SignIn_EnrolledUserPassesLiveness_TokensIssuedInOneRound()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));

        result.TokensIssued.Should().BeTrue();
        result.Rounds.Should().ContainSingle();
        result.Rounds[0].Decision.LoginReason.Should().Be(FaceLoginReason.None);
        var session = await _host.Sessions.GetSessionAsync(result.Rounds[0].Answer, default);
        session!.UserId.Should().Be(CognitoUser.Jane.Sub, "Create started the session for the signing-in user");
    }

    [Test]
    public async Task SignIn_AnswerWithAnotherUsersPassedSession_Fails()
    {
        // Bob legitimately passes a liveness session of his own; Jane's attacker answers Jane's challenge with it.
        var bobs = await _cognito.CreateOnceAsync(CognitoUser.Bob);
        var bobsSession = await _host.RunChallengeAsync(Parameters(bobs));

        var result = await _cognito.SignInAsync(CognitoUser.Jane, (_, _) => Task.FromResult(bobsSession));

        result.TokensIssued.Should().BeFalse();
        result.AuthenticationFailed.Should().BeTrue();
        result.Rounds.Should().OnlyContain(r => r.Decision.Check == VerifyCheck.WrongSession);
    }

    [Test]
    public async Task SignIn_ClientRunsAnotherUsersSessionButAnswersTheRightId_Fails()
    {
        // Even if a forged Create output pointed the private parameters at Bob's session, the login checks ownership.
        var bobs = await _cognito.CreateOnceAsync(CognitoUser.Bob);
        var bobsSession = await _host.RunChallengeAsync(Parameters(bobs));
        var login = (IFaceLoginService)_host.Services.GetService(typeof(IFaceLoginService))!;

        var result = await login.LoginAsync(CognitoUser.Jane.Sub, bobsSession, default);

        result.Succeeded.Should().BeFalse();
        result.Reason.Should().Be(FaceLoginReason.SessionNotFound);
    }

    [Test]
    public async Task SignIn_ReplaysAnAlreadyUsedSession_Fails()
    {
        var first = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));
        var used = first.Rounds[0];

        // The replay needs the round to carry the old session: a tampered/duplicated Verify call with the used id.
        var replay = await _cognito.SignInAsync(CognitoUser.Jane, (_, _) => Task.FromResult(used.Answer));
        var direct = await ((IFaceLoginService)_host.Services.GetService(typeof(IFaceLoginService))!).LoginAsync(CognitoUser.Jane.Sub, used.Answer, default);

        first.TokensIssued.Should().BeTrue();
        replay.TokensIssued.Should().BeFalse();
        replay.Rounds.Should().OnlyContain(r => r.Decision.Check == VerifyCheck.WrongSession, "a new round has a new session id");
        direct.Reason.Should().Be(FaceLoginReason.SessionAlreadyUsed, "the session was redeemed by the first sign-in");
    }

    [Test]
    public async Task SignIn_SameRoundVerifiedTwice_SecondVerifyFails()
    {
        // Cognito retries a trigger that did not answer in 5 s; a duplicate Verify of the same round must not log in twice.
        string? sessionId = null;
        var result = await _cognito.SignInAsync(CognitoUser.Jane, async (challenge, _) => sessionId = await _host.RunChallengeAsync(challenge));
        var login = (IFaceLoginService)_host.Services.GetService(typeof(IFaceLoginService))!;

        var again = await login.LoginAsync(CognitoUser.Jane.Sub, sessionId!, default);

        result.TokensIssued.Should().BeTrue();
        again.Reason.Should().Be(FaceLoginReason.SessionAlreadyUsed);
    }

    [Test]
    public async Task SignIn_SessionExpiredBeforeTheClientFinished_Fails()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, async (challenge, round) =>
        {
            _host.Time.Advance(TimeSpan.FromMinutes(4));
            return await _host.RunChallengeAsync(challenge);
        });

        result.TokensIssued.Should().BeFalse();
        result.AuthenticationFailed.Should().BeTrue();
        result.Rounds.Should().HaveCount(3).And.OnlyContain(r => r.Decision.LoginReason == FaceLoginReason.SessionNotPassed);
    }

    [Test]
    public async Task SignIn_PassedSessionUsedAfterTheLoginWindow_Fails()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, async (challenge, _) =>
        {
            var id = await _host.RunChallengeAsync(challenge);
            _host.Time.Advance(TimeSpan.FromMinutes(6));
            return id;
        });

        result.TokensIssued.Should().BeFalse();
        result.Rounds[0].Decision.LoginReason.Should().Be(FaceLoginReason.SessionAlreadyUsed, "the core reports a result past its login window as used up");
    }

    [Test]
    public async Task SignIn_FailedLiveness_Fails()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge, variant: TriggerTestHost.TwoFaces));

        result.TokensIssued.Should().BeFalse();
        result.Rounds.Should().OnlyContain(r => r.Decision.LoginReason == FaceLoginReason.SessionNotPassed);
    }

    [Test]
    public async Task SignIn_AnsweredWithoutRunningTheChallenge_Fails()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => Task.FromResult(challenge["sessionId"]));

        result.TokensIssued.Should().BeFalse();
        result.Rounds.Should().OnlyContain(r => r.Decision.LoginReason == FaceLoginReason.SessionNotPassed);
    }

    [Test]
    public async Task SignIn_SimilarityBelowThreshold_Fails()
    {
        _host.ReferenceSimilarity = 89.9;

        var result = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));

        result.TokensIssued.Should().BeFalse();
        result.Rounds.Should().OnlyContain(r => r.Decision.LoginReason == FaceLoginReason.FaceMismatch);
    }

    [Test]
    public async Task SignIn_SimilarityAtThreshold_Passes()
    {
        _host.ReferenceSimilarity = 90;

        var result = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));

        result.TokensIssued.Should().BeTrue();
    }

    [Test]
    public async Task SignIn_UserNeverEnrolled_Fails()
    {
        var carol = new CognitoUser("c0c0c0c0-1111-4222-8333-444455556666", "carol@example.com");

        var result = await _cognito.SignInAsync(carol, (challenge, _) => _host.RunChallengeAsync(challenge));

        result.TokensIssued.Should().BeFalse();
        result.Rounds.Should().OnlyContain(r => r.Decision.LoginReason == FaceLoginReason.NotEnrolled);
    }

    [Test]
    public async Task SignIn_ThreeWrongAnswers_AuthenticationFails()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, (_, round) => Task.FromResult($"guess-{round}"));

        result.AuthenticationFailed.Should().BeTrue();
        result.TokensIssued.Should().BeFalse();
        result.Rounds.Should().HaveCount(3);
    }

    [Test]
    public async Task SignIn_TwoWrongAnswersThenARealOne_TokensIssued()
    {
        var result = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, round) => round < 2 ? Task.FromResult("wrong") : _host.RunChallengeAsync(challenge));

        result.TokensIssued.Should().BeTrue();
        result.Rounds.Select(r => r.AnswerCorrect).Should().Equal(false, false, true);
    }

    [Test]
    public async Task SignIn_UnknownUser_SameResponseShapeAsAWrongAnswer()
    {
        var unknown = await _cognito.SignInAsync(CognitoUser.Unknown, (challenge, _) => _host.RunChallengeAsync(challenge));
        var wrong = await _cognito.SignInAsync(CognitoUser.Jane, (_, _) => Task.FromResult("wrong"));

        unknown.AuthenticationFailed.Should().BeTrue();
        unknown.Rounds.Should().HaveSameCount(wrong.Rounds);
        for (var i = 0; i < unknown.Rounds.Count; i++)
        {
            unknown.Rounds[i].PublicParameters.Keys.Should().BeEquivalentTo(wrong.Rounds[i].PublicParameters.Keys);
            unknown.Rounds[i].PublicParameters["sessionId"].Should().HaveLength(wrong.Rounds[i].PublicParameters["sessionId"].Length);
            unknown.Rounds[i].PublicParameters["sessionToken"].Split('.').Should().HaveCount(3, "the decoy's token is a signed JWT like a real one");
            unknown.Rounds[i].PublicParameters["challengeType"].Should().Be(wrong.Rounds[i].PublicParameters["challengeType"]);
            unknown.Rounds[i].ChallengeMetadata.Should().Be(wrong.Rounds[i].ChallengeMetadata);
            unknown.Rounds[i].AnswerCorrect.Should().BeFalse();
        }
    }

    [Test]
    public async Task SignIn_PerUserLimitHoldsAcrossAuthSessions()
    {
        // FaceVerify allows 5 sessions per user per 15 minutes (MaxSessionsPerUser). Two failed auth sessions use 3 + 2
        // of them; the third auth session gets decoys only, so even a genuine liveness run cannot sign in.
        await _cognito.SignInAsync(CognitoUser.Jane, (_, _) => Task.FromResult("wrong"));
        var second = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, round) => round < 2 ? Task.FromResult("wrong") : _host.RunChallengeAsync(challenge));
        var locked = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));

        second.TokensIssued.Should().BeFalse("its third round was refused a session (5 per window used)");
        locked.TokensIssued.Should().BeFalse();
        locked.Rounds.Should().OnlyContain(r => r.Decision.LoginReason == FaceLoginReason.SessionNotFound, "locked-out rounds get decoys with no session behind them");

        _host.Time.Advance(TimeSpan.FromMinutes(15));
        var later = await _cognito.SignInAsync(CognitoUser.Jane, (challenge, _) => _host.RunChallengeAsync(challenge));
        later.TokensIssued.Should().BeTrue("the window passed");
    }

    private static Dictionary<string, string> Parameters(System.Text.Json.Nodes.JsonObject createResponse)
        => createResponse["publicChallengeParameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
}
