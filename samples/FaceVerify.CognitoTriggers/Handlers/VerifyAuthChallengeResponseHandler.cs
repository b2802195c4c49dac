using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// VerifyAuthChallengeResponse: the answer is correct only when it is exactly the session id this round's Create
/// trigger started (compared server-side with <c>privateChallengeParameters</c>; the client cannot point at another
/// session, image or key), and FaceVerify's face login accepts that session for this user: it belongs to the user,
/// passed its liveness challenge, is within the login window, was never used before (it is redeemed by this call), and
/// its best frame matches the user's enrolled face at or above the configured similarity. The frames were analysed
/// while the user moved, so this is a few store reads and one comparison: well inside Cognito's 5 s.
/// Every failure, including an unknown user and a FaceVerify fault, is the same <c>answerCorrect: false</c>.
/// </summary>
public sealed class VerifyAuthChallengeResponseHandler(
    IFaceLoginService login,
    IOptions<CognitoTriggerOptions> options,
    ILogger<VerifyAuthChallengeResponseHandler> logger) : ICognitoTrigger
{
    /// <summary>The longest answer considered (session ids are 22 characters).</summary>
    internal const int MaxAnswerLength = 128;

    private readonly CognitoTriggerOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var evt = CognitoEvent.Parse(input);
        await HandleAsync(evt, cancellationToken).ConfigureAwait(false);
        return evt.ToStream();
    }

    /// <summary>Checks the answer and writes <c>answerCorrect</c> into the event's response.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The decision.</returns>
    public async Task<VerifyDecision> HandleAsync(CognitoEvent evt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt.RequireTriggerSource(nameof(VerifyAuthChallengeResponseHandler), TriggerSources.VerifyAuthChallengeResponse);
        var answer = evt.ChallengeAnswer;
        var privateParameters = evt.PrivateChallengeParameters();
        var userNotFound = evt.UserNotFound;
        var userId = evt.UserAttribute("sub") ?? evt.UserName;

        var decision = await DecideAsync(userNotFound, userId, privateParameters.GetValueOrDefault("sessionId"), answer, cancellationToken).ConfigureAwait(false);
        TriggerLog.Verified(logger, privateParameters.GetValueOrDefault("sessionId") ?? "-", decision.AnswerCorrect, decision.Check, decision.LoginReason);
        evt.SetResponse(new JsonObject { ["answerCorrect"] = decision.AnswerCorrect });
        return decision;
    }

    private async Task<VerifyDecision> DecideAsync(bool userNotFound, string userId, string? sessionId, string? answer, CancellationToken cancellationToken)
    {
        if (userNotFound || string.IsNullOrEmpty(userId))
        {
            return new VerifyDecision(false, VerifyCheck.UnknownUser);
        }

        if (string.IsNullOrEmpty(sessionId))
        {
            return new VerifyDecision(false, VerifyCheck.NoSession);
        }

        if (answer is null || answer.Length > MaxAnswerLength
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(answer), Encoding.UTF8.GetBytes(sessionId)))
        {
            return new VerifyDecision(false, VerifyCheck.WrongSession);
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.TriggerBudget);
        try
        {
            var result = await login.LoginAsync(userId, sessionId, budget.Token).ConfigureAwait(false);
            return new VerifyDecision(result.Succeeded, VerifyCheck.FaceLogin, result.Reason);
        }
        catch (Exception e) when (e is FaceVerificationException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TriggerLog.LoginFailed(logger, e);
            return new VerifyDecision(false, VerifyCheck.Unavailable);
        }
    }
}
