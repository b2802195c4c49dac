namespace FaceVerify;

/// <summary>Enrols users' reference faces and deletes all of a user's biometric data.</summary>
public interface IFaceEnrolmentService
{
    /// <summary>
    /// Enrols (or re-enrols) a user's reference photo: validates the bytes (JPEG/PNG, size limit), checks with the
    /// analyzer that it holds exactly one clear, frontal face, stores the photo and indexes the face, replacing any
    /// earlier enrolment of the user.
    /// </summary>
    /// <param name="userId">The user (from the caller's authentication).</param>
    /// <param name="photo">The encoded photo.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The face id, or why the photo was refused.</returns>
    ValueTask<EnrolmentOutcome> EnrolAsync(string userId, ReadOnlyMemory<byte> photo, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every biometric record of a user: session frames, reference photos, indexed faces, and the sessions,
    /// frame metadata and attempt counters in the attempt store.
    /// </summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was deleted.</returns>
    ValueTask<UserDataDeletion> DeleteUserDataAsync(string userId, CancellationToken cancellationToken);
}
