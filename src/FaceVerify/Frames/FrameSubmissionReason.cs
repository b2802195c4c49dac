using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>Why a frame was accepted or refused (<see cref="IChallengeSessionService.SubmitFrameAsync"/>); a refused session access is a <see cref="SessionAccessReason"/>. Stable codes, returned by the API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FrameSubmissionReason>))]
public enum FrameSubmissionReason
{
    /// <summary>No failure: the frame was accepted.</summary>
    None = 0,

    /// <summary>The body was empty.</summary>
    Empty,

    /// <summary>The frame is larger than <c>FaceVerify:Frames:MaxBytes</c>.</summary>
    TooLarge,

    /// <summary>The bytes are neither JPEG nor PNG.</summary>
    UnsupportedFormat,

    /// <summary>
    /// The JPEG or PNG is truncated, its structure is malformed, it holds several frame headers, or bytes follow the
    /// end of the image (a polyglot file).
    /// </summary>
    Corrupt,

    /// <summary>The frame's width or height differs from the session's.</summary>
    WrongDimensions,

    /// <summary>The session already holds a frame with the same bytes.</summary>
    Duplicate,

    /// <summary>The session already holds the maximum number of frames.</summary>
    TooManyFrames,

    /// <summary>The session is verified, expired, or its challenge already decided: call verify.</summary>
    SessionClosed,

    /// <summary>The image's header declares more pixels (width × height) than <c>FaceVerify:MaxImagePixels</c>.</summary>
    TooManyPixels,

    /// <summary>The frame carries an EXIF orientation other than 1 (or an unreadable one): frames must be upright as stored.</summary>
    UnsupportedOrientation,
}
