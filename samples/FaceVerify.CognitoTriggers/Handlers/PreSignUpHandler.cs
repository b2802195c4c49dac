using System.Text.Json.Nodes;
using FaceVerify.CognitoTriggers.Events;
using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// PreSignUp for face-login users (e-mail as the user name, custom auth only, no password sign-in).
/// <para>
/// Decision, unlike the reference (which set both to true): <c>autoConfirmUser = false</c> and
/// <c>autoVerifyEmail = false</c>. The user confirms the sign-up with the code Cognito e-mails
/// (<c>ConfirmSignUp</c>), which proves they own the address and marks it verified; before that the account cannot sign
/// in, so nobody can register (and later enrol a face under) an address they do not read. Administrator-created users
/// keep whatever the administrator set. Federated (external-provider) sign-ups are refused: face login needs a
/// user-pool user whose enrolment upload prefix is their <c>sub</c>.
/// </para>
/// </summary>
public sealed class PreSignUpHandler(ILogger<PreSignUpHandler> logger) : ICognitoTrigger
{
    /// <summary>The longest e-mail address accepted (RFC 5321 path limit).</summary>
    internal const int MaxEmailLength = 254;

    /// <inheritdoc />
    public Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var evt = CognitoEvent.Parse(input);
        Handle(evt);
        return Task.FromResult<Stream>(evt.ToStream());
    }

    /// <summary>Checks the sign-up and writes the response.</summary>
    /// <param name="evt">The event.</param>
    /// <exception cref="SignUpRefusedException">The sign-up is refused; Cognito shows the message.</exception>
    public void Handle(CognitoEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        evt.RequireTriggerSource(nameof(PreSignUpHandler), TriggerSources.PreSignUp, TriggerSources.PreSignUpAdminCreateUser, TriggerSources.PreSignUpExternalProvider);
        if (evt.TriggerSource == TriggerSources.PreSignUpExternalProvider)
        {
            TriggerLog.SignUpRefused(logger, "external provider");
            throw new SignUpRefusedException("Face login accounts cannot be created through an external identity provider.");
        }

        if (!IsPlausibleEmail(evt.UserAttribute("email")))
        {
            TriggerLog.SignUpRefused(logger, "no valid e-mail");
            throw new SignUpRefusedException("A valid e-mail address is required.");
        }

        evt.SetResponse(new JsonObject
        {
            ["autoConfirmUser"] = false,
            ["autoVerifyEmail"] = false,
            ["autoVerifyPhone"] = false,
        });
    }

    /// <summary>A light syntax check (one '@', something on both sides, a dot in the domain, no spaces); Cognito's confirmation code is the real proof.</summary>
    internal static bool IsPlausibleEmail(string? email)
    {
        if (string.IsNullOrEmpty(email) || email.Length > MaxEmailLength || email.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.');
    }
}
