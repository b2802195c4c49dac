using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>Why a session was or was not started (<see cref="IChallengeSessionService.StartAsync"/>). Stable codes: they are returned by the API.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StartChallengeReason>))]
public enum StartChallengeReason
{
    /// <summary>No failure: the session was started.</summary>
    None = 0,

    /// <summary>Too many sessions for this user, device or address in the attempt window.</summary>
    LockedOut,

    /// <summary>The requested challenge type is not registered or not enabled.</summary>
    UnknownChallengeType,

    /// <summary>A challenge type was requested but clients may not choose it.</summary>
    ChallengeTypeNotAllowed,

    /// <summary>The frame size is outside the allowed range.</summary>
    InvalidFrameSize,
}
