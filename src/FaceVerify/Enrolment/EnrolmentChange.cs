namespace FaceVerify;

/// <summary>A change of a user's reference face, passed to <see cref="IEnrolmentObserver"/>s.</summary>
/// <param name="Kind">Enrolled, replaced or deleted.</param>
/// <param name="UserId">The user.</param>
/// <param name="At">The server time of the change.</param>
/// <param name="FaceId">The new face id (enrolled, replaced).</param>
/// <param name="StepUp">How a replacement was authorised; <see cref="EnrolmentStepUp.None"/> otherwise.</param>
public readonly record struct EnrolmentChange(EnrolmentChangeKind Kind, string UserId, DateTimeOffset At, string? FaceId = null, EnrolmentStepUp StepUp = EnrolmentStepUp.None);
