using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>
/// Why a liveness session (its challenge, or a check after a pass) ended the way it did: the reason of a
/// <see cref="SessionOutcome"/>, of <see cref="VerificationResult"/> and of a result token. Stable codes: they are
/// returned by the API, stored and signed into result tokens; the numbers of removed members are never reused and new
/// values are only ever appended. Face login and enrolment have their own reasons (<see cref="FaceLoginReason"/>,
/// <see cref="EnrolmentReason"/>).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChallengeReason>))]
public enum ChallengeReason
{
    /// <summary>No decision yet.</summary>
    None = 0,

    /// <summary>The challenge was passed.</summary>
    Passed = 1,

    /// <summary>Verify was called before any frame was accepted.</summary>
    NoFrames = 2,

    /// <summary>The frames ran out before the challenge was decided.</summary>
    ChallengeNotCompleted = 3,

    /// <summary>A challenge state did not finish within its timeout (server time).</summary>
    StateTimeout = 4,

    /// <summary>The session expired before it was verified.</summary>
    SessionExpired = 5,

    // 6 was LockedOut, never a session outcome (a refused start is StartChallengeReason.LockedOut; a refused login FaceLoginReason.LockedOut).

    /// <summary>Too many frames in a row had no face.</summary>
    FaceNotFound = 7,

    /// <summary>More than one face was in a frame where only one is allowed.</summary>
    MultipleFaces = 8,

    /// <summary>The face left the area it had to stay in.</summary>
    FaceOutsideArea = 9,

    /// <summary>The nose trajectory was not a smooth curve (nose challenge).</summary>
    TrajectoryNotSmooth = 10,

    /// <summary>The face's landmarks did not move as a real head does: the signature of a flat photo or screen.</summary>
    InsufficientLandmarkMovement = 11,

    /// <summary>The head turned away from the target (nose challenge).</summary>
    TurnedAwayFromTarget = 12,

    /// <summary>The face detection confidence was below the minimum.</summary>
    LowConfidence = 13,

    /// <summary>The head was rotated beyond the allowed roll, yaw or pitch.</summary>
    HeadRotated = 14,

    /// <summary>The eyes did not show the requested state or gaze.</summary>
    EyesMismatch = 15,

    /// <summary>The mouth did not show the requested expression.</summary>
    MouthMismatch = 16,

    /// <summary>The analyzer could not read a frame.</summary>
    FrameRejected = 17,

    /// <summary>The face at the decision was not the person who started the session.</summary>
    IdentityMismatch = 18,

    /// <summary>A presentation-attack detector vetoed the session.</summary>
    SpoofSuspected = 19,

    // 20 and 21 were FaceMismatch and NotEnrolled: face login reasons, now FaceLoginReason.

    /// <summary>A custom challenge's own reason; see the verdict's detail.</summary>
    Custom = 22,

    // 23–25 were SessionNotFound, SessionNotPassed and SessionAlreadyUsed: face login reasons, now FaceLoginReason.
}
