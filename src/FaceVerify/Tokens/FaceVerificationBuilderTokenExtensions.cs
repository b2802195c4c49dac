using System.Security.Cryptography;
using FaceVerify;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Token set-up on the FaceVerify builder.</summary>
public static class FaceVerificationBuilderTokenExtensions
{
    /// <summary>
    /// For samples, development and tests: when no signing key is configured in <c>FaceVerify:Tokens:SigningKeys</c>,
    /// signs tokens with a random key made once per call of this method (per process). Tokens then stop validating
    /// when the process restarts and are not valid on other instances, so a warning naming the key id (never the
    /// secret) is logged when the key is used. Configured keys always take precedence.
    /// </summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IFaceVerificationBuilder UseEphemeralSigningKey(this IFaceVerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var keyId = "ephemeral-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = TokenOptions.GenerateSecret();
        builder.Services.AddOptions<TokenOptions>().PostConfigure<IServiceProvider>((options, services) =>
        {
            if (options.SigningKeys.Count > 0)
            {
                return;
            }

            options.SigningKeys.Add(new TokenSigningKey { Id = keyId, Secret = secret });
            options.ActiveKeyId = keyId;
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger("FaceVerify.Tokens");
            if (logger is not null)
            {
                TokenLog.EphemeralSigningKey(logger, keyId);
            }
        });
        return builder;
    }
}
