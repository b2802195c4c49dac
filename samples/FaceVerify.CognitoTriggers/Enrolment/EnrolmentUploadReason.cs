using System.Text.Json.Serialization;

namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>Why an upload was enrolled, refused or ignored.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnrolmentUploadReason>))]
public enum EnrolmentUploadReason
{
    /// <summary>Enrolled.</summary>
    Enrolled,

    /// <summary>The key is not <c>{prefix}{sub}/{file.jpg|png}</c>: no owner can be derived, so nothing is enrolled.</summary>
    KeyOutsidePrefix,

    /// <summary>The event names a bucket other than the configured upload bucket.</summary>
    WrongBucket,

    /// <summary>The record is not an <c>ObjectCreated</c> event from S3.</summary>
    NotObjectCreated,

    /// <summary>The object is larger than FaceVerify's enrolment photo limit.</summary>
    TooLarge,

    /// <summary>The object no longer exists (deleted or replaced before it was read).</summary>
    Missing,

    /// <summary>No face in the photo.</summary>
    NoFace,

    /// <summary>More than one face in the photo.</summary>
    MultipleFaces,

    /// <summary>The face is too small, blurred, dark or turned away.</summary>
    LowQuality,

    /// <summary>Not a readable JPEG or PNG.</summary>
    InvalidImage,

    /// <summary>The file name is not a passed, unused liveness session of the key's owner within its login window.</summary>
    LivenessSessionInvalid,

    /// <summary>The live face of the session does not match the photo.</summary>
    FaceMismatch,

    /// <summary>The user has a reference already and no step-up (fresh face login or e-mail-code sign-in on the enrolment client) approved replacing it.</summary>
    StepUpRequired,

    /// <summary>Another enrolment or deletion of the user was running.</summary>
    InProgress,

    /// <summary>Too many enrolment attempts of the user in the attempt window.</summary>
    LockedOut,
}
