namespace FaceVerify.Testing;

/// <summary>The expiry index of the inner store, recorded like every other call (empty when the inner store has none).</summary>
public sealed partial class RecordingAttemptStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExpiringSession>> GetExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
        => _inner is ISessionExpiryIndex index
            ? _log.RecordAsync("GetExpired", "*", index.GetExpiredAsync(now, limit, cancellationToken), e => $"{e.Count} session(s)")
            : ValueTask.FromResult<IReadOnlyList<ExpiringSession>>([]);

    /// <inheritdoc />
    public ValueTask RemoveAsync(ExpiringSession entry, CancellationToken cancellationToken)
        => _inner is ISessionExpiryIndex index
            ? _log.RecordAsync("RemoveExpired", entry.SessionId, index.RemoveAsync(entry, cancellationToken))
            : ValueTask.CompletedTask;
}
