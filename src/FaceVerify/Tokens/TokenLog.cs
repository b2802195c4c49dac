using Microsoft.Extensions.Logging;

namespace FaceVerify;

/// <summary>Log messages of the token service. Never log a token or a secret.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "FaceVerify tokens are signed with the ephemeral key '{KeyId}': they stop validating when the process restarts and are not valid on other instances. Configure FaceVerify:Tokens:SigningKeys outside development.")]
    public static partial void EphemeralSigningKey(ILogger logger, string keyId);
}
