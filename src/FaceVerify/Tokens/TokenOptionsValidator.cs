using System.Globalization;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// Cross-field validation of <see cref="TokenOptions"/>: at least one key, unique non-empty ids, secrets of at least
/// 32 bytes, an active key that exists, positive lifetimes. Messages name the setting and never contain a secret.
/// </summary>
internal sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    /// <summary>The fewest secret bytes accepted (HS256 needs a 256-bit key).</summary>
    internal const int MinimumSecretBytes = 32;

    private static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MaximumClockSkew = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Section = TokenOptions.SectionName;
        var failures = new List<string>();
        if (options.SigningKeys.Count == 0)
        {
            failures.Add($"{Section}:SigningKeys is empty: configure at least one key {{ Id, Secret }} (a secret is base64 of {MinimumSecretBytes} random bytes, see TokenOptions.GenerateSecret()), or call UseEphemeralSigningKey() in development.");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            var setting = $"{Section}:SigningKeys:{i.ToString(CultureInfo.InvariantCulture)}";
            if (key is null)
            {
                failures.Add($"{setting} is null.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(key.Id))
            {
                failures.Add($"{setting}:Id is empty.");
            }
            else if (!ids.Add(key.Id))
            {
                failures.Add($"{setting}:Id '{key.Id}' is used by more than one key in {Section}:SigningKeys.");
            }

            var length = SecretLength(key.Secret);
            if (length is null)
            {
                failures.Add($"{setting}:Secret (key '{key.Id}') is empty or not valid base64.");
            }
            else if (length < MinimumSecretBytes)
            {
                failures.Add($"{setting}:Secret (key '{key.Id}') decodes to {length.Value.ToString(CultureInfo.InvariantCulture)} bytes; at least {MinimumSecretBytes} are required.");
            }
        }

        if (options.ActiveKeyId is null)
        {
            if (options.SigningKeys.Count > 1)
            {
                failures.Add($"{Section}:ActiveKeyId is required when {Section}:SigningKeys holds more than one key.");
            }
        }
        else if (options.SigningKeys.Count > 0 && !options.SigningKeys.Any(k => k is not null && string.Equals(k.Id, options.ActiveKeyId, StringComparison.Ordinal)))
        {
            failures.Add($"{Section}:ActiveKeyId '{options.ActiveKeyId}' names no key in {Section}:SigningKeys.");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            failures.Add($"{Section}:Issuer is empty.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{Section}:Audience is empty.");
        }

        if (options.SessionTokenLifetime < MinimumLifetime)
        {
            failures.Add($"{Section}:SessionTokenLifetime must be at least 1 second; it is {options.SessionTokenLifetime.ToString("c", CultureInfo.InvariantCulture)}.");
        }

        if (options.ResultTokenLifetime < MinimumLifetime)
        {
            failures.Add($"{Section}:ResultTokenLifetime must be at least 1 second; it is {options.ResultTokenLifetime.ToString("c", CultureInfo.InvariantCulture)}.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaximumClockSkew)
        {
            failures.Add($"{Section}:ClockSkew must be between 0 and {MaximumClockSkew.ToString("c", CultureInfo.InvariantCulture)}; it is {options.ClockSkew.ToString("c", CultureInfo.InvariantCulture)}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The decoded length of a base64 secret, or <see langword="null"/> when it is empty or not base64.</summary>
    internal static int? SecretLength(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var buffer = new byte[(secret.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(secret, buffer, out var written) ? written : null;
    }
}
