namespace FaceVerify;

/// <summary>The metadata of one accepted frame (the bytes live in the <see cref="IFrameStore"/> under <see cref="StorageKey"/>).</summary>
public sealed record FrameRecord
{
    /// <summary>The session the frame belongs to.</summary>
    public required string SessionId { get; init; }

    /// <summary>The 0-based position in receive order, assigned by the store when the frame is appended.</summary>
    public int Sequence { get; init; }

    /// <summary>When the server received the frame.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Lower-case hex SHA-256 of the frame bytes; a session refuses the same content twice.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The key of the bytes in the frame store.</summary>
    public required string StorageKey { get; init; }

    /// <summary>The image encoding.</summary>
    public required ImageFormat Format { get; init; }

    /// <summary>Size of the encoded frame in bytes.</summary>
    public required int Length { get; init; }

    /// <summary>When the store may delete the record (its TTL).</summary>
    public required DateTimeOffset RetainUntil { get; init; }

    /// <summary>The stored analysis of the frame, once it was analysed.</summary>
    public StoredAnalysis? Analysis { get; init; }
}
