namespace FaceVerify;

/// <summary>What <see cref="IFaceEnrolmentService.EnrolAsync(EnrolmentRequest, CancellationToken)"/> needs to enrol or replace a user's reference face.</summary>
public sealed class EnrolmentRequest
{
    /// <summary>The user (from the caller's authentication, never from the request body).</summary>
    public required string UserId { get; init; }

    /// <summary>The encoded reference photo (JPEG or PNG), e.g. the photo of an identity document.</summary>
    public required ReadOnlyMemory<byte> Photo { get; init; }

    /// <summary>
    /// A passed liveness session of the same user, within <see cref="FaceVerificationOptions.LoginWindow"/> of passing
    /// and not used before (this request uses it up, so it cannot also serve a login), whose liveness frames must match
    /// <see cref="Photo"/>. Required unless <see cref="FaceVerificationOptions.RequireLivenessForEnrolment"/> is off.
    /// </summary>
    public string? LivenessSessionId { get; init; }

    /// <summary>
    /// An application-supplied confirmation for replacing an existing reference (e.g. a code the user received by
    /// e-mail), passed to the registered <see cref="IEnrolmentApproval"/> hooks. Optional: a fresh face login with the
    /// current reference is the other way to step up.
    /// </summary>
    public string? Approval { get; init; }
}
