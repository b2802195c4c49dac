namespace FaceVerify.AspNetCore;

/// <summary>
/// The snake_case codes the HTTP API writes for FaceVerify's enums (<c>outcome</c>, <c>reason</c>, <c>proof</c>), spelled
/// out member by member so that renaming an enum member in code never changes the wire: clients (the web component's
/// messages, relying parties) depend on these strings. Every code is pinned by a test and documented in docs/http-api.md.
/// </summary>
internal static class WireCodes
{
    public static string Of(SessionStatus status) => status switch
    {
        SessionStatus.Created => "created",
        SessionStatus.Collecting => "collecting",
        SessionStatus.Passed => "passed",
        SessionStatus.Failed => "failed",
        SessionStatus.Expired => "expired",
        _ => ApiJson.Code(status),
    };

    public static string Of(ChallengeReason reason) => reason switch
    {
        ChallengeReason.None => "none",
        ChallengeReason.Passed => "passed",
        ChallengeReason.NoFrames => "no_frames",
        ChallengeReason.ChallengeNotCompleted => "challenge_not_completed",
        ChallengeReason.StateTimeout => "state_timeout",
        ChallengeReason.SessionExpired => "session_expired",
        ChallengeReason.FaceNotFound => "face_not_found",
        ChallengeReason.MultipleFaces => "multiple_faces",
        ChallengeReason.FaceOutsideArea => "face_outside_area",
        ChallengeReason.TrajectoryNotSmooth => "trajectory_not_smooth",
        ChallengeReason.InsufficientLandmarkMovement => "insufficient_landmark_movement",
        ChallengeReason.TurnedAwayFromTarget => "turned_away_from_target",
        ChallengeReason.LowConfidence => "low_confidence",
        ChallengeReason.HeadRotated => "head_rotated",
        ChallengeReason.EyesMismatch => "eyes_mismatch",
        ChallengeReason.MouthMismatch => "mouth_mismatch",
        ChallengeReason.FrameRejected => "frame_rejected",
        ChallengeReason.IdentityMismatch => "identity_mismatch",
        ChallengeReason.SpoofSuspected => "spoof_suspected",
        ChallengeReason.Custom => "custom",
        _ => ApiJson.Code(reason),
    };

    /// <summary>A login's reason; success is <c>passed</c>, as before login reasons had their own enum.</summary>
    public static string Of(FaceLoginReason reason) => reason switch
    {
        FaceLoginReason.None => "passed",
        FaceLoginReason.LockedOut => "locked_out",
        FaceLoginReason.SessionNotFound => "session_not_found",
        FaceLoginReason.SessionNotPassed => "session_not_passed",
        FaceLoginReason.SessionAlreadyUsed => "session_already_used",
        FaceLoginReason.FaceNotFound => "face_not_found",
        FaceLoginReason.NotEnrolled => "not_enrolled",
        FaceLoginReason.FaceMismatch => "face_mismatch",
        _ => ApiJson.Code(reason),
    };

    public static string Of(ResultProof proof) => proof switch
    {
        ResultProof.None => "none",
        ResultProof.Liveness => "liveness",
        ResultProof.LivenessAndFaceMatch => "liveness_and_face_match",
        _ => ApiJson.Code(proof),
    };
}
