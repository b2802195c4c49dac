using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Handlers;

namespace FaceVerify.CognitoTriggers.Tests.Infrastructure;

/// <summary>A user as Cognito knows them; <see cref="Exists"/> false plays PreventUserExistenceErrors' unknown user.</summary>
internal sealed record CognitoUser(string Sub, string Email, bool Exists = true)
{
    public static CognitoUser Jane { get; } = new(Fixtures.JaneSub, "jane@example.com");

    public static CognitoUser Bob { get; } = new("0b0b0b0b-1111-4222-8333-444455556666", "bob@example.com");

    public static CognitoUser Unknown { get; } = new("", "nobody@example.com", Exists: false);
}

/// <summary>One round of the custom auth flow as the driver saw it.</summary>
internal sealed record AuthRound(
    IReadOnlyDictionary<string, string> PublicParameters,
    IReadOnlyDictionary<string, string> PrivateParameters,
    string? ChallengeMetadata,
    string Answer,
    bool AnswerCorrect,
    VerifyDecision Decision);

/// <summary>How a sign-in ended.</summary>
internal sealed record AuthResult(bool TokensIssued, bool AuthenticationFailed, IReadOnlyList<AuthRound> Rounds);

/// <summary>
/// Plays Cognito's side of InitiateAuth(CUSTOM_AUTH) / RespondToAuthChallenge: builds each trigger's event from the
/// recorded fixtures, keeps the session array (one entry per round: CUSTOM_CHALLENGE, the Verify result, the Create
/// metadata), and runs Define → Create → client answers → Verify → Define … until Define issues tokens or fails.
/// Like Cognito, it forwards clientMetadata only from RespondToAuthChallenge (not from InitiateAuth).
/// </summary>
internal sealed class CognitoDriver(TriggerTestHost host)
{
    private const int MaxRounds = 10;

    /// <summary>The clientMetadata the client sends with each RespondToAuthChallenge. Default: its frame size.</summary>
    public Dictionary<string, string> RespondMetadata { get; } = new() { ["frameWidth"] = "480", ["frameHeight"] = "480" };

    /// <summary>Signs <paramref name="user"/> in; <paramref name="answer"/> plays the client for each round's public challenge parameters.</summary>
    public async Task<AuthResult> SignInAsync(CognitoUser user, Func<IReadOnlyDictionary<string, string>, int, Task<string>> answer)
    {
        var session = new JsonArray();
        var rounds = new List<AuthRound>();
        Dictionary<string, string>? clientMetadata = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var define = Event(Fixtures.DefineFirst, user, session, clientMetadata);
            var defined = Fixtures.Read(await host.Define.HandleAsync(Fixtures.Stream(define)))["response"]!;
            if (defined["issueTokens"]!.GetValue<bool>())
            {
                return new AuthResult(true, false, rounds);
            }

            if (defined["failAuthentication"]!.GetValue<bool>())
            {
                return new AuthResult(false, true, rounds);
            }

            defined["challengeName"]!.GetValue<string>().Should().Be("CUSTOM_CHALLENGE");
            var create = Event(Fixtures.Create, user, session, clientMetadata);
            create["request"]!["challengeName"] = "CUSTOM_CHALLENGE";
            var created = Fixtures.Read(await host.Create.HandleAsync(Fixtures.Stream(create)))["response"]!;
            var publicParameters = Map(created["publicChallengeParameters"]);
            var privateParameters = Map(created["privateChallengeParameters"]);
            var metadata = created["challengeMetadata"]?.GetValue<string>();

            var answerText = await answer(publicParameters, round);
            clientMetadata = new Dictionary<string, string>(RespondMetadata);

            var verify = Event(Fixtures.Verify, user, session: null, clientMetadata);
            verify["request"]!["privateChallengeParameters"] = CognitoEvent.StringMapNode(privateParameters);
            verify["request"]!["challengeAnswer"] = answerText;
            var verifyEvent = CognitoEvent.Parse(Fixtures.Stream(verify));
            var decision = await host.Verify.HandleAsync(verifyEvent);
            var correct = Fixtures.Read(verifyEvent.ToStream())["response"]!["answerCorrect"]!.GetValue<bool>();
            correct.Should().Be(decision.AnswerCorrect);

            rounds.Add(new AuthRound(publicParameters, privateParameters, metadata, answerText, correct, decision));
            session.Add(new JsonObject { ["challengeName"] = "CUSTOM_CHALLENGE", ["challengeResult"] = correct, ["challengeMetadata"] = metadata });
        }

        throw new InvalidOperationException($"Define neither issued tokens nor failed within {MaxRounds} rounds.");
    }

    /// <summary>Runs the Create trigger once for <paramref name="user"/> (first round) and returns its response object.</summary>
    public async Task<JsonObject> CreateOnceAsync(CognitoUser user, Dictionary<string, string>? clientMetadata = null)
    {
        var create = Event(Fixtures.Create, user, new JsonArray(), clientMetadata);
        return Fixtures.Read(await host.Create.HandleAsync(Fixtures.Stream(create)))["response"]!.AsObject();
    }

    private static JsonObject Event(string fixture, CognitoUser user, JsonArray? session, Dictionary<string, string>? clientMetadata)
    {
        var evt = Fixtures.Json(fixture);
        var request = evt["request"]!.AsObject();
        if (user.Exists)
        {
            evt["userName"] = user.Sub;
            request["userAttributes"] = new JsonObject
            {
                ["sub"] = user.Sub,
                ["cognito:user_status"] = "CONFIRMED",
                ["email_verified"] = "true",
                ["email"] = user.Email,
            };
        }
        else
        {
            evt["userName"] = user.Email;
            request["userAttributes"] = new JsonObject();
        }

        request["userNotFound"] = !user.Exists;
        if (session is not null)
        {
            request["session"] = session.DeepClone();
        }

        request["clientMetadata"] = clientMetadata is null ? null : CognitoEvent.StringMapNode(clientMetadata);
        return evt;
    }

    private static Dictionary<string, string> Map(JsonNode? node)
        => node?.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()) ?? [];
}
