namespace FaceVerify;

/// <summary>An <see cref="IAttemptStore"/> decorator that times every call (<c>faceverify.store.call.duration</c>, store <c>attempt</c>).</summary>
internal sealed class InstrumentedAttemptStore(IAttemptStore inner, FaceVerifyMetrics metrics) : IAttemptStore
{
    private const string Store = "attempt";

    public IAttemptStore Inner => inner;

    public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryCreateSession", () => inner.TryCreateSessionAsync(session, cancellationToken));

    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "GetSession", () => inner.GetSessionAsync(sessionId, cancellationToken));

    public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryAppendFrame", () => inner.TryAppendFrameAsync(frame, maxFrames, cancellationToken));

    public ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "SaveAnalysis", () => inner.SaveAnalysisAsync(sessionId, sequence, analysis, cancellationToken));

    public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "GetFrames", () => inner.GetFramesAsync(sessionId, cancellationToken));

    public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryMarkDecided", () => inner.TryMarkDecidedAsync(sessionId, sequence, cancellationToken));

    public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "CompleteSession", () => inner.CompleteSessionAsync(sessionId, outcome, completedAt, cancellationToken));

    public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryCountAttempt", () => inner.TryCountAttemptAsync(key, now, window, limit, cancellationToken));

    public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryRedeemToken", () => inner.TryRedeemTokenAsync(tokenId, retainUntil, cancellationToken));

    public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "GetSessionIdsForUser", () => inner.GetSessionIdsForUserAsync(userId, cancellationToken));

    public ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "DeleteUserData", () => inner.DeleteUserDataAsync(userId, cancellationToken));

    public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryAcquireUserLock", () => inner.TryAcquireUserLockAsync(userId, lockId, expiresAt, cancellationToken));

    public ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "ReleaseUserLock", () => inner.ReleaseUserLockAsync(userId, lockId, cancellationToken));

    public ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "SetUserMarker", () => inner.SetUserMarkerAsync(userId, name, expiresAt, cancellationToken));

    public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "TryConsumeUserMarker", () => inner.TryConsumeUserMarkerAsync(userId, name, cancellationToken));
}
