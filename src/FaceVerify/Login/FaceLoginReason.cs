using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>Why a face login (<see cref="IFaceLoginService.LoginAsync"/>) succeeded or not. Stable codes: they are returned by the API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaceLoginReason>))]
public enum FaceLoginReason
{
    /// <summary>No failure: the user is logged in (wire code <c>passed</c>).</summary>
    None = 0,

    /// <summary>The user made <see cref="FaceVerificationOptions.MaxLoginsPerUser"/> login attempts in the current <see cref="FaceVerificationOptions.AttemptWindow"/>.</summary>
    LockedOut,

    /// <summary>There is no such session for this user (another user's session gives the same answer).</summary>
    SessionNotFound,

    /// <summary>The session did not pass its liveness challenge.</summary>
    SessionNotPassed,

    /// <summary>The session's result was already used (for a login, an enrolment or a redemption), or passed longer ago than <see cref="FaceVerificationOptions.LoginWindow"/>.</summary>
    SessionAlreadyUsed,

    /// <summary>The liveness frames held no two usable frames of the face, or the engine found no face in a compared frame.</summary>
    FaceNotFound,

    /// <summary>The user has no enrolled reference face.</summary>
    NotEnrolled,

    /// <summary>The live face did not match the enrolled reference face at <see cref="FaceVerificationOptions.SimilarityThreshold"/>.</summary>
    FaceMismatch,
}
