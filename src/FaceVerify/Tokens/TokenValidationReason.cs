namespace FaceVerify;

/// <summary>Why a token was accepted or refused (<see cref="IFaceVerificationTokens"/>, <see cref="IChallengeSessionService.RedeemResultAsync"/>).</summary>
public enum TokenValidationReason
{
    /// <summary>No failure: the token is valid.</summary>
    None,

    /// <summary>No token was given.</summary>
    Missing,

    /// <summary>The token is not a well-formed JWT, or its claims are missing or of the wrong kind.</summary>
    Malformed,

    /// <summary>The signature does not verify, the algorithm is not HS256, or the key id is unknown.</summary>
    InvalidSignature,

    /// <summary>The token has expired.</summary>
    Expired,

    /// <summary>The token is for another session.</summary>
    WrongSession,

    /// <summary>The result token was already redeemed.</summary>
    AlreadyRedeemed,
}
