using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>Why verify could not run (as opposed to a failed challenge, which is an outcome).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VerifyError>))]
public enum VerifyError
{
    /// <summary>Verify ran and the session has an outcome.</summary>
    None = 0,

    /// <summary>There is no such session.</summary>
    SessionNotFound,

    /// <summary>The session token is missing, invalid, expired or for another session.</summary>
    InvalidToken,
}
