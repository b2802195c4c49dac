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
}
