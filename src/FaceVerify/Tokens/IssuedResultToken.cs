namespace FaceVerify;

/// <summary>A result token as issued.</summary>
/// <param name="Token">The compact JWT.</param>
/// <param name="TokenId">Its unique id (<c>jti</c>), the key of its single redemption.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record IssuedResultToken(string Token, string TokenId, DateTimeOffset ExpiresAt);
