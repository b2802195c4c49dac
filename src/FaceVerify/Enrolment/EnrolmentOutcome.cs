namespace FaceVerify;

/// <summary>The result of <see cref="IFaceEnrolmentService.EnrolAsync"/>.</summary>
/// <param name="Status">Enrolled, or why not.</param>
/// <param name="FaceId">The indexed face id, when enrolled.</param>
/// <param name="Detail">A short, non-sensitive explanation of a refusal.</param>
public sealed record EnrolmentOutcome(EnrolmentStatus Status, string? FaceId = null, string? Detail = null)
{
    /// <summary>Whether the face was enrolled.</summary>
    public bool Succeeded => Status == EnrolmentStatus.Enrolled;
}
