using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>
/// Why a caller may or may not act on a session (<see cref="IChallengeSessionService.SubmitFrameAsync"/>,
/// <see cref="IChallengeSessionService.VerifyAsync"/>): the one access check of <see cref="SessionAccess"/>, done by the
/// service. Stable codes: they are returned by the API.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionAccessReason>))]
public enum SessionAccessReason
{
    /// <summary>No failure: the token is valid for this session and, when the caller is signed in, theirs.</summary>
    None = 0,

    /// <summary>The session token is missing, invalid, expired, for another session, or (for a signed-in caller) another user's.</summary>
    InvalidToken,

    /// <summary>There is no such session (a valid token whose session is gone, or not the token's user's).</summary>
    SessionNotFound,
}
