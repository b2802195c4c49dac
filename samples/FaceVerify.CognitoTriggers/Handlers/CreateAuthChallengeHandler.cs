using System.Globalization;
using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// CreateAuthChallenge: starts a FaceVerify liveness session <b>for this user</b> (its <c>sub</c>) and hands the
/// client what it needs to run it against the FaceVerify HTTP API: the session id, its session token, the challenge
/// type and parameters, the frame size and the expiry (<c>publicChallengeParameters</c>). The session id is also kept
/// in <c>privateChallengeParameters</c>, where only Verify sees it. Nothing about the enrolled face leaves the server.
/// <para>
/// Unknown users (<c>userNotFound</c>), locked-out users and infrastructure faults get a decoy challenge of the same
/// shape (see <see cref="DecoyChallengeFactory"/>), so the Cognito responses do not reveal which case applies.
/// </para>
/// </summary>
public sealed class CreateAuthChallengeHandler(
    IChallengeSessionService sessions,
    DecoyChallengeFactory decoys,
    IOptions<CognitoTriggerOptions> options,
    IOptions<FaceVerificationOptions> faceVerifyOptions,
    ILogger<CreateAuthChallengeHandler> logger) : ICognitoTrigger
{
    /// <summary>The clientMetadata key of the client's frame width (RespondToAuthChallenge metadata reaches Create; InitiateAuth's does not).</summary>
    public const string FrameWidthKey = "frameWidth";

    /// <summary>The clientMetadata key of the client's frame height.</summary>
    public const string FrameHeightKey = "frameHeight";

    private readonly CognitoTriggerOptions _options = options.Value;
    private readonly FaceVerificationOptions _faceVerify = faceVerifyOptions.Value;

    /// <inheritdoc />
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var evt = CognitoEvent.Parse(input);
        await HandleAsync(evt, cancellationToken).ConfigureAwait(false);
        return evt.ToStream();
    }

    /// <summary>Creates the challenge and writes it into the event's response.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task.</returns>
    public async Task HandleAsync(CognitoEvent evt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt.RequireTriggerSource(nameof(CreateAuthChallengeHandler), TriggerSources.CreateAuthChallenge);
        if (!string.Equals(evt.ChallengeName, "CUSTOM_CHALLENGE", StringComparison.Ordinal))
        {
            throw new MalformedEventException("CreateAuthChallenge only creates CUSTOM_CHALLENGE rounds ('request.challengeName').");
        }

        _ = evt.Session();
        var (width, height) = FrameSize(evt.ClientMetadata());
        var userId = evt.UserAttribute("sub") ?? evt.UserName;
        var started = evt.UserNotFound || string.IsNullOrEmpty(userId)
            ? null
            : await StartAsync(userId, width, height, cancellationToken).ConfigureAwait(false);
        if (started is null)
        {
            started = decoys.Create(width, height);
            TriggerLog.DecoyIssued(logger);
        }

        var publicParameters = new Dictionary<string, string>
        {
            ["sessionId"] = started.SessionId!,
            ["sessionToken"] = started.SessionToken!,
            ["challengeType"] = started.ChallengeType!,
            ["challengeParameters"] = DecoyChallengeFactory.ToJson(started.Parameters),
            ["frameWidth"] = width.ToString(CultureInfo.InvariantCulture),
            ["frameHeight"] = height.ToString(CultureInfo.InvariantCulture),
            ["expiresAt"] = started.ExpiresAt!.Value.ToString("O", CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrEmpty(_options.ApiUrl))
        {
            publicParameters["apiUrl"] = _options.ApiUrl;
        }

        evt.SetResponse(new JsonObject
        {
            ["publicChallengeParameters"] = CognitoEvent.StringMapNode(publicParameters),
            ["privateChallengeParameters"] = CognitoEvent.StringMapNode([new("sessionId", started.SessionId!)]),
            ["challengeMetadata"] = CognitoTriggerOptions.ChallengeMetadata,
        });
    }

    private async Task<StartChallengeResult?> StartAsync(string userId, int width, int height, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.TriggerBudget);
        try
        {
            var result = await sessions.StartAsync(new StartChallengeRequest { UserId = userId, FrameWidth = width, FrameHeight = height }, budget.Token).ConfigureAwait(false);
            if (result.Succeeded)
            {
                TriggerLog.ChallengeCreated(logger, result.SessionId!, result.ChallengeType!);
                return result;
            }

            TriggerLog.StartRefused(logger, result.Reason);
            return null;
        }
        catch (Exception e) when (e is FaceVerificationException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            TriggerLog.StartFailed(logger, e);
            return null;
        }
    }

    /// <summary>The frame size from clientMetadata when both values are integers within FaceVerify's limits; else the defaults.</summary>
    internal (int Width, int Height) FrameSize(IReadOnlyDictionary<string, string> metadata)
    {
        if (metadata.TryGetValue(FrameWidthKey, out var w) && metadata.TryGetValue(FrameHeightKey, out var h)
            && int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && InRange(width) && InRange(height))
        {
            return (width, height);
        }

        return (_options.DefaultFrameWidth, _options.DefaultFrameHeight);
    }

    private bool InRange(int size) => size >= _faceVerify.MinFrameSize && size <= _faceVerify.MaxFrameSize;
}
