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

    public static ProblemResult FromStart(StartChallengeResult result, DateTimeOffset now) => result.Error switch
    {
        StartChallengeError.LockedOut => new(StatusCodes.Status429TooManyRequests, "locked_out", "Too many verification attempts.", result.ErrorDetail)
        {
            RetryAfter = result.RetryAfter is { } until ? until - now : null,
        },
        StartChallengeError.UnknownChallengeType => new(StatusCodes.Status400BadRequest, "unknown_challenge_type", "Unknown challenge type.", result.ErrorDetail),
        StartChallengeError.ChallengeTypeNotAllowed => new(StatusCodes.Status400BadRequest, "challenge_type_not_allowed", "The server chooses the challenge type.", result.ErrorDetail),
        StartChallengeError.InvalidFrameSize => new(StatusCodes.Status400BadRequest, "invalid_frame_size", "Invalid frame size.", result.ErrorDetail),
        _ => new(StatusCodes.Status400BadRequest, "invalid_request", "The challenge could not be started.", result.ErrorDetail),
    };

    public static ProblemResult FromFrame(FrameSubmissionResult result) => result.Rejection switch
    {
        FrameRejection.Empty => new(StatusCodes.Status400BadRequest, "frame_empty", "The frame is empty.", result.Detail),
        FrameRejection.TooLarge => FrameTooLarge(result.Detail ?? "The frame is too large."),
        FrameRejection.UnsupportedFormat => new(StatusCodes.Status422UnprocessableEntity, "frame_unsupported_format", "The frame is not a JPEG or PNG image.", result.Detail),
        FrameRejection.Corrupt => new(StatusCodes.Status422UnprocessableEntity, "frame_corrupt", "The frame is not a complete image.", result.Detail),
        FrameRejection.WrongDimensions => new(StatusCodes.Status422UnprocessableEntity, "frame_wrong_dimensions", "The frame has the wrong size.", result.Detail),
        FrameRejection.Duplicate => new(StatusCodes.Status409Conflict, "duplicate_frame", "The frame was already received.", result.Detail),
        FrameRejection.TooManyFrames => new(StatusCodes.Status409Conflict, "too_many_frames", "The session holds the most frames it may.", result.Detail),
        FrameRejection.SessionClosed => new(StatusCodes.Status409Conflict, "session_closed", "The session accepts no more frames.", result.Detail),
        FrameRejection.SessionNotFound => SessionNotFound(),
        FrameRejection.InvalidToken => InvalidToken(result.Detail ?? "The session token is not valid for this session."),
        FrameRejection.TooManyPixels => new(StatusCodes.Status422UnprocessableEntity, "frame_too_many_pixels", "The frame declares too many pixels.", result.Detail),
        FrameRejection.UnsupportedOrientation => new(StatusCodes.Status422UnprocessableEntity, "frame_orientation", "The frame is not upright.", result.Detail),
        _ => new(StatusCodes.Status400BadRequest, "invalid_request", "The frame was refused.", result.Detail),
    };

    public static ProblemResult FromVerify(VerificationResult result) => result.Error switch
    {
        VerifyError.InvalidToken => InvalidToken(result.Detail ?? "The session token is not valid for this session."),
        _ => SessionNotFound(),
    };

    public static ProblemResult FromEnrolment(EnrolmentOutcome outcome) => outcome.Status switch
    {
        EnrolmentStatus.NoFace => new(StatusCodes.Status422UnprocessableEntity, "no_face", "No face was found in the photo.", outcome.Detail),
        EnrolmentStatus.MultipleFaces => new(StatusCodes.Status422UnprocessableEntity, "multiple_faces", "The photo shows more than one face.", outcome.Detail),
        EnrolmentStatus.LowQuality => new(StatusCodes.Status422UnprocessableEntity, "low_quality", "The photo's quality is too low.", outcome.Detail),
        _ => new(StatusCodes.Status422UnprocessableEntity, "invalid_image", "The photo is not a usable JPEG or PNG image.", outcome.Detail),
    };

    public static ProblemResult FromRedeem(ResultTokenValidation validation) => validation.Error switch
    {
        TokenValidationError.AlreadyRedeemed => new(StatusCodes.Status409Conflict, "already_redeemed", "The result was already redeemed.", "A session's result can be redeemed once."),
        TokenValidationError.Expired => new(StatusCodes.Status401Unauthorized, "token_expired", "The result token has expired.", "The result token has expired.") { BearerChallenge = true },
        _ => InvalidToken($"The result token is not valid ({validation.Error})."),
    };
}
