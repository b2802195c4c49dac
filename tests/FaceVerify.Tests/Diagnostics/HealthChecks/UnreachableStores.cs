namespace FaceVerify.Tests.Diagnostics.HealthChecks;

/// <summary>An attempt store whose every call fails as a store whose endpoint refuses connections would.</summary>
internal sealed class UnreachableAttemptStore : IAttemptStore
{
    public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => throw Refused();

    public ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken) => throw Refused();

    public ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken) => throw Refused();

    public ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken) => throw Refused();

    public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken) => throw Refused();

    public ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken) => throw Refused();

    private static HttpRequestException Refused() => new("Connection refused (127.0.0.1:9)");
}

/// <summary>A frame store that never answers until cancelled, as a store behind a black-holed network would.</summary>
internal sealed class HangingFrameStore : IFrameStore
{
    public int Calls { get; private set; }

    public ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken) => HangAsync(cancellationToken);

    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await HangAsync(cancellationToken);
        return null;
    }

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => HangAsync(cancellationToken);

    public async ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await HangAsync(cancellationToken);
        return 0;
    }

    private async ValueTask HangAsync(CancellationToken cancellationToken)
    {
        Calls++;
        await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}

/// <summary>An analyzer with a probe that fails, as the local engine does when it is stopped.</summary>
internal sealed class ProbedAnalyzer(bool up) : IFaceAnalyzer, IDependencyProbe
{
    public int Probes { get; private set; }

    public ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken) => ValueTask.FromResult(FaceAnalysis.NoFaces);

    public ValueTask ProbeAsync(CancellationToken cancellationToken)
    {
        Probes++;
        return up ? ValueTask.CompletedTask : throw new FaceVerificationException("Rekognition ListCollections failed", new HttpRequestException("Connection refused"));
    }
}
