namespace FaceVerify;

/// <summary>One HMAC key for FaceVerify's tokens (configuration <c>FaceVerify:Tokens:SigningKeys:n</c>).</summary>
public class TokenSigningKey
{
    /// <summary>The key id, written to each token's <c>kid</c> header; unique among the keys. Default: empty (must be set).</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// The secret, base64 of at least 32 random bytes (generate one with <see cref="TokenOptions.GenerateSecret"/>).
    /// Keep it in a secret store, never in source control. Default: empty (must be set).
    /// </summary>
    public string Secret { get; set; } = string.Empty;
}
