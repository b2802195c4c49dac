namespace FaceVerify;

/// <summary>A result token as issued.</summary>
/// <param name="Token">The compact JWT.</param>
/// <param name="TokenId">Its proof id (<c>jti</c>), the same for every result token of the session: the key of its single redemption.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record IssuedResultToken(string Token, string TokenId, DateTimeOffset ExpiresAt);
