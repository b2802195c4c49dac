namespace FaceVerify;

/// <summary>The result of validating (or redeeming) a result token.</summary>
/// <param name="Error">Why it was refused, or <see cref="TokenValidationError.None"/>.</param>
/// <param name="Claims">The token's claims, when valid.</param>
public readonly record struct ResultTokenValidation(TokenValidationError Error, ResultTokenClaims? Claims = null)
{
    /// <summary>Whether the token is valid.</summary>
    public bool IsValid => Error == TokenValidationError.None;
}
