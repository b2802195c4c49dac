using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// PostAuthentication: when a user signs in — on the enrolment app client with Cognito's e-mail one-time code, or on the
/// face-login client with a face login — records that fresh step-up in the attempt store (a user marker valid for
/// <see cref="CognitoTriggerOptions.EnrolmentApprovalWindow"/>). <see cref="EmailCodeEnrolmentApproval"/> consumes it to
/// approve one replacement of the user's reference face. With <see cref="CognitoTriggerOptions.EnrolmentClientId"/> set,
/// only sign-ins on that client count.
/// </summary>
public sealed class PostAuthenticationHandler(
    IAttemptStore attempts,
    IOptions<CognitoTriggerOptions> options,
    TimeProvider time,
    ILogger<PostAuthenticationHandler> logger) : ICognitoTrigger
{
    private readonly CognitoTriggerOptions _options = options.Value;

    /// <inheritdoc />
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var evt = CognitoEvent.Parse(input);
        await HandleAsync(evt, cancellationToken).ConfigureAwait(false);
        return evt.ToStream();
    }

    /// <summary>Records the approval when the sign-in was on the enrolment client, and writes the (empty) response.</summary>
    /// <param name="evt">The event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether an approval was recorded.</returns>
    public async Task<bool> HandleAsync(CognitoEvent evt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt.RequireTriggerSource(nameof(PostAuthenticationHandler), TriggerSources.PostAuthentication);
        evt.SetResponse(new JsonObject());
        var sub = evt.UserAttribute("sub");
        if ((_options.EnrolmentClientId is { Length: > 0 } enrolmentClient && !string.Equals(evt.CallerClientId, enrolmentClient, StringComparison.Ordinal))
            || string.IsNullOrEmpty(sub))
        {
            return false;
        }

        await attempts.SetUserMarkerAsync(sub, EmailCodeEnrolmentApproval.MarkerName, time.GetUtcNow() + _options.EnrolmentApprovalWindow, cancellationToken).ConfigureAwait(false);
        TriggerLog.EnrolmentApprovalRecorded(logger, UserPseudonym.Of(sub));
        return true;
    }
}
