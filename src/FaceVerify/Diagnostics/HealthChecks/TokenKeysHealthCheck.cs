using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The token keys as a health check: the options validate, and a session token signed with the active key validates
/// again. Degraded when the active key is an ephemeral one (<c>UseEphemeralSigningKey()</c>): tokens then do not
/// validate on other instances or after a restart. Key ids and secrets are never reported.
/// </summary>
internal sealed class TokenKeysHealthCheck : IHealthCheck
{
    private const string ProbeUser = "faceverify-health-probe";
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;

    public TokenKeysHealthCheck(IServiceProvider services, TimeProvider time)
    {
        _services = services;
        _time = time;
    }

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var options = _services.GetRequiredService<IOptions<TokenOptions>>().Value;
            var tokens = _services.GetRequiredService<IFaceVerificationTokens>();
            var now = _time.GetUtcNow();
            var probe = new ChallengeSession
            {
                Id = "health-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)),
                UserId = ProbeUser,
                ChallengeType = "health",
                Parameters = default(JsonElement),
                FrameWidth = 1,
                FrameHeight = 1,
                CreatedAt = now,
                ExpiresAt = now + TimeSpan.FromMinutes(1),
                RetainUntil = now + TimeSpan.FromMinutes(1),
            };
            var validation = tokens.ValidateSessionToken(tokens.IssueSessionToken(probe), probe.Id);
            if (!validation.Succeeded)
            {
                return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"A token signed with the active key did not validate ({validation.Reason})."));
            }

            var active = options.ActiveKeyId ?? options.SigningKeys[0].Id;
            return Task.FromResult(active.StartsWith(EphemeralKeyPrefix, StringComparison.Ordinal)
                ? HealthCheckResult.Degraded("Tokens are signed with an ephemeral key: they do not validate on other instances or after a restart. Configure FaceVerify:Tokens:SigningKeys.")
                : HealthCheckResult.Healthy($"Tokens sign and validate ({options.SigningKeys.Count} key(s) configured)."));
        }
#pragma warning disable CA1031 // Misconfigured keys are reported as a status, not thrown from the probe.
        catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException or ArgumentException or FormatException)
#pragma warning restore CA1031
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"The token keys are not usable ({exception.GetType().Name}).", exception));
        }
    }

    /// <summary>The key id prefix of <c>UseEphemeralSigningKey()</c>.</summary>
    internal const string EphemeralKeyPrefix = "ephemeral-";
}
