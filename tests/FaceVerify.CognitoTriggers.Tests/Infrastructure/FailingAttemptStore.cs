namespace FaceVerify.CognitoTriggers.Tests.Infrastructure;

/// <summary>An attempt store whose attempt counting and redemption fail like DynamoDB after its retries; the rest is in memory.</summary>
internal sealed class FailingAttemptStore(IAttemptStore inner) : IAttemptStore
{
    public bool Failing { get; set; } = true;

    public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
        => Failing ? throw new FaceVerificationException("DynamoDB is unavailable.") : inner.TryCountAttemptAsync(key, now, window, limit, cancellationToken);

    public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
        => Failing ? throw new FaceVerificationException("DynamoDB is unavailable.") : inner.TryRedeemTokenAsync(tokenId, retainUntil, cancellationToken);

    public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken) => inner.TryCreateSessionAsync(session, cancellationToken);

    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) => inner.GetSessionAsync(sessionId, cancellationToken);

    public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken) => inner.TryAppendFrameAsync(frame, maxFrames, cancellationToken);

    public ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken) => inner.SaveAnalysisAsync(sessionId, sequence, analysis, cancellationToken);

    public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken) => inner.GetFramesAsync(sessionId, cancellationToken);

    public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken) => inner.TryMarkDecidedAsync(sessionId, sequence, cancellationToken);

    public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken) => inner.CompleteSessionAsync(sessionId, outcome, completedAt, cancellationToken);

    public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken) => inner.GetSessionIdsForUserAsync(userId, cancellationToken);

    public ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken) => inner.DeleteUserDataAsync(userId, cancellationToken);

    public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => inner.TryAcquireUserLockAsync(userId, lockId, expiresAt, cancellationToken);

    public ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken) => inner.ReleaseUserLockAsync(userId, lockId, cancellationToken);

    public ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken) => inner.SetUserMarkerAsync(userId, name, expiresAt, cancellationToken);

    public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken) => inner.TryConsumeUserMarkerAsync(userId, name, cancellationToken);
}
