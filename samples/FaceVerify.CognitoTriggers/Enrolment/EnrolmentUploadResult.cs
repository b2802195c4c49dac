namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>The record of one processed upload: logged, and returned in the handler's output.</summary>
/// <param name="Status">Enrolled, refused or ignored.</param>
/// <param name="Reason">Why.</param>
/// <param name="OpaqueUserId">The owner as FaceVerify's opaque user id (never the raw sub), when the key had one.</param>
/// <param name="FaceId">The indexed face id, when enrolled.</param>
/// <param name="Detail">A short, non-sensitive explanation.</param>
public sealed record EnrolmentUploadResult(
    EnrolmentUploadStatus Status,
    EnrolmentUploadReason Reason,
    string? OpaqueUserId = null,
    string? FaceId = null,
    string? Detail = null);
