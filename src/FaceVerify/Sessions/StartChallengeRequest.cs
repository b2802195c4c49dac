namespace FaceVerify;

/// <summary>A request to start a liveness session.</summary>
public sealed record StartChallengeRequest
{
    /// <summary>The user the session is for (from the caller's authentication, never from the client's body).</summary>
    public required string UserId { get; init; }

    /// <summary>Width in pixels of the frames the client will send (its camera's real size).</summary>
    public required int FrameWidth { get; init; }

    /// <summary>Height in pixels of the frames the client will send.</summary>
    public required int FrameHeight { get; init; }

    /// <summary>The challenge type the client asks for; honoured only when <c>AllowClientChallengeType</c> is on. Default: none.</summary>
    public string? ChallengeType { get; init; }

    /// <summary>The client's network address, for per-address attempt limits. Default: none (not limited by address).</summary>
    public string? ClientAddress { get; init; }

    /// <summary>A device identifier, for per-device attempt limits. Default: none (not limited by device).</summary>
    public string? DeviceId { get; init; }
}
