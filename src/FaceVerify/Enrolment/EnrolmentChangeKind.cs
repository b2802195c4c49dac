namespace FaceVerify;

/// <summary>What happened to a user's reference face.</summary>
public enum EnrolmentChangeKind
{
    /// <summary>A first reference was enrolled.</summary>
    Enrolled,

    /// <summary>An existing reference was replaced.</summary>
    Replaced,

    /// <summary>The user's biometric data, reference included, was deleted.</summary>
    Deleted,

    /// <summary>The enrolment's retention (<see cref="FaceVerificationOptions.EnrolmentRetention"/>) ended: the enrolment expiry sweeper deleted the face and the reference photo.</summary>
    Expired,
}
