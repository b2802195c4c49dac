using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>The problems the endpoints answer with; every <c>code</c> is documented in docs/http-api.md.</summary>
internal static class Problems
{
    public static ProblemResult InvalidRequest(string detail)
        => new(StatusCodes.Status400BadRequest, "invalid_request", "The request is not valid.", detail);

    public static ProblemResult DuplicateJsonProperty()
        => new(StatusCodes.Status400BadRequest, "duplicate_json_property", "The request is not valid.", "The body names the same property more than once.");

    public static ProblemResult UnsupportedMediaType(string detail)
        => new(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Unsupported media type.", detail);

    public static ProblemResult PayloadTooLarge(int limit)
        => new(StatusCodes.Status413PayloadTooLarge, "payload_too_large", "The request body is too large.", $"The body may be at most {limit} bytes.");

    public static ProblemResult FrameTooLarge(string detail)
        => new(StatusCodes.Status413PayloadTooLarge, "frame_too_large", "The frame is too large.", detail);

    public static ProblemResult Unauthenticated()
        => new(StatusCodes.Status401Unauthorized, "unauthenticated", "Sign-in required.", "No signed-in user was found for this request.");

    public static ProblemResult Forbidden(string detail)
        => new(StatusCodes.Status403Forbidden, "forbidden", "Not allowed.", detail);

    public static ProblemResult InvalidToken(string detail)
        => new(StatusCodes.Status401Unauthorized, "invalid_token", "The token is not valid.", detail) { BearerChallenge = true };

    public static ProblemResult SessionNotFound()
        => new(StatusCodes.Status404NotFound, "session_not_found", "There is no such session.", "There is no such session.");

    public static ProblemResult ServiceUnavailable()
        => new(StatusCodes.Status503ServiceUnavailable, "service_unavailable", "The face verification service is temporarily unavailable.", "Try again in a moment.")
        {
            RetryAfter = TimeSpan.FromSeconds(5),
        };

    public static ProblemResult RateLimited(TimeSpan? retryAfter)
        => new(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests.", "Slow down and try again later.") { RetryAfter = retryAfter };

    public static ProblemResult FromStart(StartChallengeResult result, DateTimeOffset now) => result.Reason switch
    {
        StartChallengeReason.LockedOut => new(StatusCodes.Status429TooManyRequests, "locked_out", "Too many verification attempts.", result.Detail)
        {
            RetryAfter = result.RetryAfter is { } until ? until - now : null,
        },
        StartChallengeReason.UnknownChallengeType => new(StatusCodes.Status400BadRequest, "unknown_challenge_type", "Unknown challenge type.", result.Detail),
        StartChallengeReason.ChallengeTypeNotAllowed => new(StatusCodes.Status400BadRequest, "challenge_type_not_allowed", "The server chooses the challenge type.", result.Detail),
        StartChallengeReason.InvalidFrameSize => new(StatusCodes.Status400BadRequest, "invalid_frame_size", "Invalid frame size.", result.Detail),
        _ => new(StatusCodes.Status400BadRequest, "invalid_request", "The challenge could not be started.", result.Detail),
    };

    public static ProblemResult FromFrame(FrameSubmissionResult result) => result.AccessReason != SessionAccessReason.None ? FromAccess(result.AccessReason, result.Detail) : result.Reason switch
    {
        FrameSubmissionReason.Empty => new(StatusCodes.Status400BadRequest, "frame_empty", "The frame is empty.", result.Detail),
        FrameSubmissionReason.TooLarge => FrameTooLarge(result.Detail ?? "The frame is too large."),
        FrameSubmissionReason.UnsupportedFormat => new(StatusCodes.Status422UnprocessableEntity, "frame_unsupported_format", "The frame is not a JPEG or PNG image.", result.Detail),
        FrameSubmissionReason.Corrupt => new(StatusCodes.Status422UnprocessableEntity, "frame_corrupt", "The frame is not a complete image.", result.Detail),
        FrameSubmissionReason.WrongDimensions => new(StatusCodes.Status422UnprocessableEntity, "frame_wrong_dimensions", "The frame has the wrong size.", result.Detail),
        FrameSubmissionReason.Duplicate => new(StatusCodes.Status409Conflict, "duplicate_frame", "The frame was already received.", result.Detail),
        FrameSubmissionReason.TooManyFrames => new(StatusCodes.Status409Conflict, "too_many_frames", "The session holds the most frames it may.", result.Detail),
        FrameSubmissionReason.SessionClosed => new(StatusCodes.Status409Conflict, "session_closed", "The session accepts no more frames.", result.Detail),
        FrameSubmissionReason.TooManyPixels => new(StatusCodes.Status422UnprocessableEntity, "frame_too_many_pixels", "The frame declares too many pixels.", result.Detail),
        FrameSubmissionReason.UnsupportedOrientation => new(StatusCodes.Status422UnprocessableEntity, "frame_orientation", "The frame is not upright.", result.Detail),
        _ => new(StatusCodes.Status400BadRequest, "invalid_request", "The frame was refused.", result.Detail),
    };

    public static ProblemResult FromAccess(SessionAccessReason reason, string? detail) => reason switch
    {
        SessionAccessReason.InvalidToken => InvalidToken(detail ?? "The session token is not valid for this session."),
        _ => SessionNotFound(),
    };

    public static ProblemResult FromEnrolment(EnrolmentResult outcome, DateTimeOffset now) => outcome.Reason switch
    {
        EnrolmentReason.LivenessRequired => new(StatusCodes.Status422UnprocessableEntity, "liveness_required", "Enrolment needs a passed liveness session.", outcome.Detail),
        EnrolmentReason.SessionNotFound => new(StatusCodes.Status404NotFound, "session_not_found", "There is no such session.", outcome.Detail),
        EnrolmentReason.SessionNotPassed => new(StatusCodes.Status409Conflict, "session_not_passed", "The liveness session has not passed.", outcome.Detail),
        EnrolmentReason.SessionAlreadyUsed => new(StatusCodes.Status409Conflict, "session_already_used", "The liveness session was used already or is too old.", outcome.Detail),
        EnrolmentReason.FaceMismatch => new(StatusCodes.Status422UnprocessableEntity, "face_mismatch", "The photo does not match the live face.", outcome.Detail),
        EnrolmentReason.StepUpRequired => new(StatusCodes.Status403Forbidden, "step_up_required", "Replacing the enrolled face needs a step-up.", outcome.Detail),
        EnrolmentReason.InProgress => new(StatusCodes.Status409Conflict, "enrolment_in_progress", "Another enrolment or deletion of this user is running.", outcome.Detail),
        EnrolmentReason.LockedOut => new(StatusCodes.Status429TooManyRequests, "locked_out", "Too many enrolment attempts.", outcome.Detail)
        {
            RetryAfter = outcome.RetryAfter is { } until ? until - now : null,
        },
        EnrolmentReason.NoFace => new(StatusCodes.Status422UnprocessableEntity, "no_face", "No face was found in the photo.", outcome.Detail),
        EnrolmentReason.MultipleFaces => new(StatusCodes.Status422UnprocessableEntity, "multiple_faces", "The photo shows more than one face.", outcome.Detail),
        EnrolmentReason.LowQuality => new(StatusCodes.Status422UnprocessableEntity, "low_quality", "The photo's quality is too low.", outcome.Detail),
        _ => new(StatusCodes.Status422UnprocessableEntity, "invalid_image", "The photo is not a usable JPEG or PNG image.", outcome.Detail),
    };

    public static ProblemResult FromRedeem(ResultTokenValidation validation) => validation.Reason switch
    {
        TokenValidationReason.AlreadyRedeemed => new(StatusCodes.Status409Conflict, "already_redeemed", "The result was already redeemed.", "A session's result can be redeemed once."),
        TokenValidationReason.Expired => new(StatusCodes.Status401Unauthorized, "token_expired", "The result token has expired.", "The result token has expired.") { BearerChallenge = true },
        _ => InvalidToken($"The result token is not valid ({validation.Reason})."),
    };
}
