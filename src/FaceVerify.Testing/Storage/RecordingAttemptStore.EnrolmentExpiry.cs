namespace FaceVerify.Testing;

/// <summary>The enrolment expiry index of the inner store, recorded like every other call (empty when the inner store has none).</summary>
public sealed partial class RecordingAttemptStore : IEnrolmentExpiryIndex
{
    /// <inheritdoc />
    public ValueTask AddEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
        => _inner is IEnrolmentExpiryIndex index
            ? _log.RecordAsync("AddEnrolment", entry.UserId, index.AddEnrolmentAsync(entry, cancellationToken))
            : ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExpiringEnrolment>> GetExpiredEnrolmentsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
        => _inner is IEnrolmentExpiryIndex index
            ? _log.RecordAsync("GetExpiredEnrolments", "*", index.GetExpiredEnrolmentsAsync(now, limit, cancellationToken), e => $"{e.Count} enrolment(s)")
            : ValueTask.FromResult<IReadOnlyList<ExpiringEnrolment>>([]);

    /// <inheritdoc />
    public ValueTask<bool> ContainsEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
        => _inner is IEnrolmentExpiryIndex index
            ? _log.RecordAsync("ContainsEnrolment", entry.UserId, index.ContainsEnrolmentAsync(entry, cancellationToken), c => c ? "yes" : "no")
            : ValueTask.FromResult(false);

    /// <inheritdoc />
    public ValueTask RemoveEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
        => _inner is IEnrolmentExpiryIndex index
            ? _log.RecordAsync("RemoveEnrolment", entry.UserId, index.RemoveEnrolmentAsync(entry, cancellationToken))
            : ValueTask.CompletedTask;
}
