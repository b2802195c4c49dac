using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>The lifecycle of a <see cref="ChallengeSession"/>: Created → Collecting → Passed | Failed | Expired.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SessionStatus>))]
public enum SessionStatus
{
    /// <summary>Started; no frame accepted yet.</summary>
    Created,

    /// <summary>At least one frame accepted; not verified yet.</summary>
    Collecting,

    /// <summary>Verified: the challenge was passed. Final.</summary>
    Passed,

    /// <summary>Verified: the challenge was failed. Final.</summary>
    Failed,

    /// <summary>The session expired before it was verified. Final.</summary>
    Expired,
}
