namespace FaceVerify.AspNetCore;

/// <summary>HTTP header names used by the FaceVerify endpoints.</summary>
public static class FaceVerificationHeaders
{
    /// <summary>
    /// <c>X-FaceVerify-Session-Token</c>: carries the session token for raw-image frame uploads and verify, as an
    /// alternative to <c>Authorization: Bearer</c> for applications whose users already sign in with a bearer token.
    /// </summary>
    public const string SessionToken = "X-FaceVerify-Session-Token";
}
