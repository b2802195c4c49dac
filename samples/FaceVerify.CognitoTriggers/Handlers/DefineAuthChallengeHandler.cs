using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// DefineAuthChallenge: the state machine of the custom auth flow. One kind of round only (<c>CUSTOM_CHALLENGE</c>
/// with FaceVerify's metadata): any other challenge in the session fails the authentication; tokens are issued only
/// right after a correct answer to our challenge and never for an unknown user; after
/// <see cref="CognitoTriggerOptions.MaxWrongAnswers"/> wrong answers the authentication fails. Attempts across auth
/// sessions are limited by FaceVerify's per-user session limit, which the Create trigger goes through.
/// </summary>
public sealed class DefineAuthChallengeHandler(IOptions<CognitoTriggerOptions> options, ILogger<DefineAuthChallengeHandler> logger) : ICognitoTrigger
{
    private const string CustomChallenge = "CUSTOM_CHALLENGE";
    private readonly CognitoTriggerOptions _options = options.Value;

    /// <inheritdoc />
    public Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var evt = CognitoEvent.Parse(input);
        Handle(evt);
        return Task.FromResult<Stream>(evt.ToStream());
    }

    /// <summary>Decides the next step and writes it into the event's response.</summary>
    /// <param name="evt">The event.</param>
    public void Handle(CognitoEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt.RequireTriggerSource(nameof(DefineAuthChallengeHandler), TriggerSources.DefineAuthChallenge);
        var rounds = evt.Session();
        var decision = Decide(rounds, evt.UserNotFound);
        TriggerLog.Defined(logger, rounds.Count, decision);
        evt.SetResponse(decision switch
        {
            DefineDecision.IssueTokens => new JsonObject { ["challengeName"] = null, ["issueTokens"] = true, ["failAuthentication"] = false },
            DefineDecision.NextChallenge => new JsonObject { ["challengeName"] = CustomChallenge, ["issueTokens"] = false, ["failAuthentication"] = false },
            _ => new JsonObject { ["challengeName"] = null, ["issueTokens"] = false, ["failAuthentication"] = true },
        });
    }

    private DefineDecision Decide(IReadOnlyList<ChallengeResultEntry> rounds, bool userNotFound)
    {
        // SRP, password or any other challenge in front of ours: this flow is face-only.
        if (rounds.Any(r => !string.Equals(r.ChallengeName, CustomChallenge, StringComparison.Ordinal)))
        {
            return DefineDecision.FailOtherChallenge;
        }

        if (rounds.Count > 0 && rounds[^1].ChallengeResult)
        {
            // A correct answer counts only for our challenge; an unknown user never gets tokens (Verify never says
            // correct for one either: this is the second lock).
            return !userNotFound && string.Equals(rounds[^1].ChallengeMetadata, CognitoTriggerOptions.ChallengeMetadata, StringComparison.Ordinal)
                ? DefineDecision.IssueTokens
                : DefineDecision.FailForeignRound;
        }

        return rounds.Count >= _options.MaxWrongAnswers ? DefineDecision.FailTooManyWrongAnswers : DefineDecision.NextChallenge;
    }
}
