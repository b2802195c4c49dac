namespace FaceVerify;

/// <summary>The result of validating (or redeeming) a result token.</summary>
/// <param name="Reason">Why it was refused, or <see cref="TokenValidationReason.None"/>.</param>
/// <param name="Claims">The token's claims, when valid.</param>
public readonly record struct ResultTokenValidation(TokenValidationReason Reason, ResultTokenClaims? Claims = null)
{
    /// <summary>Whether the token is valid.</summary>
    public bool Succeeded => Reason == TokenValidationReason.None;
}
