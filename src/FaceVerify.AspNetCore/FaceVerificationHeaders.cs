namespace FaceVerify.AspNetCore;

/// <summary>HTTP header names used by the FaceVerify endpoints.</summary>
public static class FaceVerificationHeaders
{
    /// <summary>
    /// <c>X-FaceVerify-Session-Token</c>: carries the session token for raw-image frame uploads and verify, as an
    /// alternative to <c>Authorization: Bearer</c> for applications whose users already sign in with a bearer token.
    /// </summary>
    public const string SessionToken = "X-FaceVerify-Session-Token";

    /// <summary><c>X-FaceVerify-Liveness-Session</c>: the id of the passed liveness session a raw-image enrolment is bound to.</summary>
    public const string LivenessSession = "X-FaceVerify-Liveness-Session";

    /// <summary><c>X-FaceVerify-Enrolment-Approval</c>: the application's confirmation (e.g. an e-mailed code) for replacing a reference, passed to <see cref="IEnrolmentApproval"/>.</summary>
    public const string EnrolmentApproval = "X-FaceVerify-Enrolment-Approval";
}
