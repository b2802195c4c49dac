namespace FaceVerify;

/// <summary>The in-memory store's <see cref="ISessionExpiryIndex"/>: a scan of the live sessions (the store is for tests and single processes).</summary>
public sealed partial class InMemoryAttemptStore
{
    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExpiringSession>> GetExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            var live = Maintain();
            IReadOnlyList<ExpiringSession> expired = _sessions
                .Where(p => p.Value.Session.RetainUntil > live && !p.Value.Session.IsFinal && p.Value.Session.IsExpiredAt(now))
                .Select(p => new ExpiringSession(p.Key, p.Value.Session.ExpiresAt))
                .OrderBy(e => e.ExpiresAt)
                .Take(limit)
                .ToList();
            return ValueTask.FromResult(expired);
        }
    }

    // Nothing to remove: the listing reads the sessions themselves, and final sessions are not listed.
    /// <inheritdoc />
    public ValueTask RemoveAsync(ExpiringSession entry, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
