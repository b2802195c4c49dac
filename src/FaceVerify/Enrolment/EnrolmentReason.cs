namespace FaceVerify;

/// <summary>Why an enrolment (<see cref="IFaceEnrolmentService.EnrolAsync(EnrolmentRequest, CancellationToken)"/>, <see cref="IFaceCollection.IndexFaceAsync"/>) succeeded or not. Stable codes: they are returned by the API.</summary>
public enum EnrolmentReason
{
    /// <summary>No failure: the face was enrolled (indexed).</summary>
    None = 0,

    /// <summary>No face was found.</summary>
    NoFace,

    /// <summary>More than one face was found.</summary>
    MultipleFaces,

    /// <summary>The face was too small, blurred, dark or turned away.</summary>
    LowQuality,

    /// <summary>The image could not be read.</summary>
    InvalidImage,

    /// <summary>No liveness session was given: a photo alone cannot enrol (see <see cref="FaceVerificationOptions.RequireLivenessForEnrolment"/>).</summary>
    LivenessRequired,

    /// <summary>The liveness session does not exist (any more) or belongs to another user.</summary>
    SessionNotFound,

    /// <summary>The liveness session has not passed.</summary>
    SessionNotPassed,

    /// <summary>The liveness session was used before (for a login or an enrolment) or passed longer ago than <see cref="FaceVerificationOptions.LoginWindow"/>.</summary>
    SessionAlreadyUsed,

    /// <summary>The live face of the session does not match the photo at <see cref="FaceVerificationOptions.SimilarityThreshold"/>.</summary>
    FaceMismatch,

    /// <summary>The user has a reference already and replacing it needs a step-up: a fresh face login with it, or an <see cref="IEnrolmentApproval"/>.</summary>
    StepUpRequired,

    /// <summary>Another enrolment or deletion of the same user is running; nothing was changed.</summary>
    InProgress,

    /// <summary>The user made <see cref="FaceVerificationOptions.MaxEnrolmentsPerUser"/> enrolment attempts in the current <see cref="FaceVerificationOptions.AttemptWindow"/>.</summary>
    LockedOut,
}
