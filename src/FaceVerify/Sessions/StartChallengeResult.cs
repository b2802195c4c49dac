using System.Text.Json;

namespace FaceVerify;

/// <summary>The result of <see cref="IChallengeSessionService.StartAsync"/>: a new session, or why none was started.</summary>
public sealed record StartChallengeResult
{
    /// <summary>Why no session was started, or <see cref="StartChallengeReason.None"/>.</summary>
    public StartChallengeReason Reason { get; init; }

    /// <summary>A short, non-sensitive explanation of <see cref="Reason"/>.</summary>
    public string? Detail { get; init; }

    /// <summary>When a locked-out caller may try again.</summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>The new session's id.</summary>
    public string? SessionId { get; init; }

    /// <summary>The session token: a capability for this one session that submit and verify require.</summary>
    public string? SessionToken { get; init; }

    /// <summary>The challenge type the server chose.</summary>
    public string? ChallengeType { get; init; }

    /// <summary>The challenge parameters for the client.</summary>
    public JsonElement? Parameters { get; init; }

    /// <summary>When the session expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Whether a session was started.</summary>
    public bool Succeeded => Reason == StartChallengeReason.None;

    internal static StartChallengeResult Failed(StartChallengeReason reason, string detail, DateTimeOffset? retryAfter = null)
        => new() { Reason = reason, Detail = detail, RetryAfter = retryAfter };
}
