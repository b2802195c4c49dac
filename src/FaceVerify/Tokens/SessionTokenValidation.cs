namespace FaceVerify;

/// <summary>The result of validating a session token.</summary>
/// <param name="Reason">Why it was refused, or <see cref="TokenValidationReason.None"/>.</param>
/// <param name="SessionId">The session id claim, when valid.</param>
/// <param name="UserId">The user claim, when valid.</param>
public readonly record struct SessionTokenValidation(TokenValidationReason Reason, string? SessionId = null, string? UserId = null)
{
    /// <summary>Whether the token is valid.</summary>
    public bool Succeeded => Reason == TokenValidationReason.None;
}
