namespace FaceVerify;

/// <summary>The in-memory store's <see cref="IEnrolmentExpiryIndex"/>: a set of entries under the store's lock.</summary>
public sealed partial class InMemoryAttemptStore : IEnrolmentExpiryIndex
{
    private readonly HashSet<ExpiringEnrolment> _enrolments = [];

    /// <inheritdoc />
    public ValueTask AddEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(entry.UserId);
        ArgumentNullException.ThrowIfNull(entry.FaceId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _enrolments.Add(entry);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExpiringEnrolment>> GetExpiredEnrolmentsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            IReadOnlyList<ExpiringEnrolment> expired = _enrolments.Where(e => e.ExpiresAt <= now).OrderBy(e => e.ExpiresAt).Take(limit).ToList();
            return ValueTask.FromResult(expired);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> ContainsEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            return ValueTask.FromResult(_enrolments.Contains(entry));
        }
    }

    /// <inheritdoc />
    public ValueTask RemoveEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            _enrolments.Remove(entry);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Removes a user's entries (the erasure path; the caller holds <see cref="_lock"/>).</summary>
    private void RemoveEnrolmentsOfUser(string userId) => _enrolments.RemoveWhere(e => string.Equals(e.UserId, userId, StringComparison.Ordinal));
}
