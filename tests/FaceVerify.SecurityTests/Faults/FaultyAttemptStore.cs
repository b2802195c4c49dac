namespace FaceVerify.SecurityTests.Faults;

/// <summary>An <see cref="IAttemptStore"/> decorator that fails, times out, throttles or loses responses at random.</summary>
internal sealed class FaultyAttemptStore(IAttemptStore inner, FaultPlan plan) : IAttemptStore
{
    public IAttemptStore Inner => inner;

    public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryCreateSessionAsync), () => inner.TryCreateSessionAsync(session, cancellationToken));

    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken)
        => ReadAsync(nameof(GetSessionAsync), () => inner.GetSessionAsync(sessionId, cancellationToken));

    public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryAppendFrameAsync), () => inner.TryAppendFrameAsync(frame, maxFrames, cancellationToken));

    public async ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken)
        => await WriteAsync(nameof(SaveAnalysisAsync), async () =>
        {
            await inner.SaveAnalysisAsync(sessionId, sequence, analysis, cancellationToken);
            return true;
        });

    public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken)
        => ReadAsync(nameof(GetFramesAsync), () => inner.GetFramesAsync(sessionId, cancellationToken));

    public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryMarkDecidedAsync), () => inner.TryMarkDecidedAsync(sessionId, sequence, cancellationToken));

    public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
        => WriteAsync(nameof(CompleteSessionAsync), () => inner.CompleteSessionAsync(sessionId, outcome, completedAt, cancellationToken));

    public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryCountAttemptAsync), () => inner.TryCountAttemptAsync(key, now, window, limit, cancellationToken));

    public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryRedeemTokenAsync), () => inner.TryRedeemTokenAsync(tokenId, retainUntil, cancellationToken));

    public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken)
        => ReadAsync(nameof(GetSessionIdsForUserAsync), () => inner.GetSessionIdsForUserAsync(userId, cancellationToken));

    public async ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
        => await WriteAsync(nameof(DeleteUserDataAsync), async () =>
        {
            await inner.DeleteUserDataAsync(userId, cancellationToken);
            return true;
        });

    public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryAcquireUserLockAsync), () => inner.TryAcquireUserLockAsync(userId, lockId, expiresAt, cancellationToken));

    public async ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken)
        => await WriteAsync(nameof(ReleaseUserLockAsync), async () =>
        {
            await inner.ReleaseUserLockAsync(userId, lockId, cancellationToken);
            return true;
        });

    public async ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        => await WriteAsync(nameof(SetUserMarkerAsync), async () =>
        {
            await inner.SetUserMarkerAsync(userId, name, expiresAt, cancellationToken);
            return true;
        });

    public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken)
        => WriteAsync(nameof(TryConsumeUserMarkerAsync), () => inner.TryConsumeUserMarkerAsync(userId, name, cancellationToken));

    private async ValueTask<T> ReadAsync<T>(string operation, Func<ValueTask<T>> call)
    {
        var fault = plan.Next(write: false);
        if (fault != FaultKind.None)
        {
            await Task.Yield();
            throw FaultPlan.StoreFault(fault, operation);
        }

        return await call();
    }

    private async ValueTask<T> WriteAsync<T>(string operation, Func<ValueTask<T>> call)
    {
        var fault = plan.Next(write: true);
        if (fault is FaultKind.None)
        {
            return await call();
        }

        await Task.Yield();
        if (fault == FaultKind.FailAfterEffect)
        {
            await call();
        }

        throw FaultPlan.StoreFault(fault, operation);
    }
}
