namespace FaceVerify.Testing;

/// <summary>
/// An <see cref="IAttemptStore"/> decorator that records every call (operation, key, result) before returning the
/// inner store's answer, so a test can assert what was written: <c>store.CallsTo("CompleteSession")</c>,
/// <c>store.Calls</c>. Wrap any store (yours, to check how FaceVerify uses it), or use <see cref="InMemory"/>.
/// Register one with <c>.UseRecordingInMemoryStores()</c>.
/// </summary>
public sealed partial class RecordingAttemptStore : IAttemptStore, ISessionExpiryIndex
{
    private readonly IAttemptStore _inner;
    private readonly CallLog _log = new();

    /// <summary>Records the calls made to <paramref name="inner"/>.</summary>
    /// <param name="inner">The store that answers.</param>
    public RecordingAttemptStore(IAttemptStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>The store that answers.</summary>
    public IAttemptStore Inner => _inner;

    /// <summary>Every call so far, in completion order.</summary>
    public IReadOnlyList<StoreCall> Calls => _log.Snapshot();

    /// <summary>A recording store over a new in-memory store.</summary>
    /// <param name="timeProvider">The in-memory store's clock. Default: <see cref="TimeProvider.System"/>.</param>
    /// <returns>The store.</returns>
    public static RecordingAttemptStore InMemory(TimeProvider? timeProvider = null) => new(new InMemoryAttemptStore(timeProvider ?? TimeProvider.System));

    /// <summary>How many calls were made to one operation.</summary>
    /// <param name="operation">The method name without <c>Async</c>, for example <c>"TryMarkDecided"</c>.</param>
    /// <returns>The count.</returns>
    public int CallsTo(string operation) => _log.Count(operation);

    /// <summary>Forgets the calls recorded so far.</summary>
    public void ClearCalls() => _log.Clear();

    /// <inheritdoc />
    public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return _log.RecordAsync("TryCreateSession", session.Id, _inner.TryCreateSessionAsync(session, cancellationToken), Render);
    }

    /// <inheritdoc />
    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
        => _log.RecordAsync("GetSession", sessionId, _inner.GetSessionAsync(sessionId, cancellationToken), s => s is null ? "null" : s.Status.ToString());

    /// <inheritdoc />
    public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return _log.RecordAsync("TryAppendFrame", frame.SessionId, _inner.TryAppendFrameAsync(frame, maxFrames, cancellationToken), r => $"{r.Status} #{r.Sequence}");
    }

    /// <inheritdoc />
    public ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken)
        => _log.RecordAsync("SaveAnalysis", sessionId, _inner.SaveAnalysisAsync(sessionId, sequence, analysis, cancellationToken));

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken)
        => _log.RecordAsync("GetFrames", sessionId, _inner.GetFramesAsync(sessionId, cancellationToken), f => $"{f.Count} frame(s)");

    /// <inheritdoc />
    public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken)
        => _log.RecordAsync("TryMarkDecided", sessionId, _inner.TryMarkDecidedAsync(sessionId, sequence, cancellationToken), Render);

    /// <inheritdoc />
    public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
        => _log.RecordAsync("CompleteSession", sessionId, _inner.CompleteSessionAsync(sessionId, outcome, completedAt, cancellationToken), s => s is null ? "null" : $"{s.Status} {s.Outcome?.Reason}");

    /// <inheritdoc />
    public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
        => _log.RecordAsync("TryCountAttempt", key, _inner.TryCountAttemptAsync(key, now, window, limit, cancellationToken), c => $"{(c.Allowed ? "Allowed" : "Refused")} {c.Count}");

    /// <inheritdoc />
    public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
        => _log.RecordAsync("TryRedeemToken", tokenId, _inner.TryRedeemTokenAsync(tokenId, retainUntil, cancellationToken), Render);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken)
        => _log.RecordAsync("GetSessionIdsForUser", userId, _inner.GetSessionIdsForUserAsync(userId, cancellationToken), ids => $"{ids.Count} session(s)");

    /// <inheritdoc />
    public ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
        => _log.RecordAsync("DeleteUserData", userId, _inner.DeleteUserDataAsync(userId, cancellationToken));

    /// <inheritdoc />
    public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => _log.RecordAsync("TryAcquireUserLock", userId, _inner.TryAcquireUserLockAsync(userId, lockId, expiresAt, cancellationToken), Render);

    /// <inheritdoc />
    public ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken)
        => _log.RecordAsync("ReleaseUserLock", userId, _inner.ReleaseUserLockAsync(userId, lockId, cancellationToken));

    /// <inheritdoc />
    public ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => _log.RecordAsync("SetUserMarker", userId, _inner.SetUserMarkerAsync(userId, name, expiresAt, cancellationToken));

    /// <inheritdoc />
    public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken)
        => _log.RecordAsync("TryConsumeUserMarker", userId, _inner.TryConsumeUserMarkerAsync(userId, name, cancellationToken), Render);

    private static string Render(bool value) => value ? "True" : "False";
}
