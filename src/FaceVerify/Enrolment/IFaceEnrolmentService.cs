namespace FaceVerify;

/// <summary>Enrols users' reference faces and deletes all of a user's biometric data.</summary>
public interface IFaceEnrolmentService
{
    /// <summary>
    /// Enrols or replaces a user's reference face. The photo is validated from its bytes (JPEG/PNG, size limit) and must
    /// hold exactly one clear, frontal face; it must match the frames of <see cref="EnrolmentRequest.LivenessSessionId"/>,
    /// a passed liveness session of the same user within its login window, which this call uses up (required unless
    /// <see cref="FaceVerificationOptions.RequireLivenessForEnrolment"/> is off). Replacing an existing reference also
    /// needs a step-up: a successful face login within <see cref="FaceVerificationOptions.StepUpWindow"/>, or an
    /// <see cref="IEnrolmentApproval"/>. Enrolments and deletions of one user run one at a time; attempts are limited
    /// per user (<see cref="FaceVerificationOptions.MaxEnrolmentsPerUser"/>). Every refusal changes nothing stored
    /// except the attempt counter and, once it was checked, the liveness session (used up).
    /// </summary>
    /// <param name="request">The user, the photo, the liveness session and an optional approval.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The face id, or why the enrolment was refused.</returns>
    ValueTask<EnrolmentResult> EnrolAsync(EnrolmentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Enrols a photo without a liveness session: the same as <see cref="EnrolAsync(EnrolmentRequest, CancellationToken)"/>
    /// with only <see cref="EnrolmentRequest.UserId"/> and <see cref="EnrolmentRequest.Photo"/>, so it is refused with
    /// <see cref="EnrolmentReason.LivenessRequired"/> unless <see cref="FaceVerificationOptions.RequireLivenessForEnrolment"/> is off.
    /// </summary>
    /// <param name="userId">The user (from the caller's authentication).</param>
    /// <param name="photo">The encoded photo.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The face id, or why the photo was refused.</returns>
    ValueTask<EnrolmentResult> EnrolAsync(string userId, ReadOnlyMemory<byte> photo, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every biometric record of a user: session frames, reference photos, indexed faces, and the sessions and
    /// frame metadata in the attempt store. Attempt counters are kept, so deleting one's data never resets a lockout.
    /// Waits for a running enrolment of the user, so nothing of it remains once this call returned.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was deleted.</returns>
    ValueTask<UserDataDeletion> DeleteUserDataAsync(string userId, CancellationToken cancellationToken);
}
