using System.Text.Json.Serialization;

namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>What became of one uploaded object.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EnrolmentUploadStatus>))]
public enum EnrolmentUploadStatus
{
    /// <summary>The face was indexed for the key's owner.</summary>
    Enrolled,

    /// <summary>The photo was refused (see the reason); nothing was indexed.</summary>
    Refused,

    /// <summary>The record is not an enrolment upload (another bucket, event or key layout); nothing was read.</summary>
    Ignored,
}
