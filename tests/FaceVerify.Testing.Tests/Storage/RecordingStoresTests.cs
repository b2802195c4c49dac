namespace FaceVerify.Testing.Tests.Storage;

public class RecordingStoresTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private ChallengeSession NewSession(string id) => new()
    {
        Id = id,
        UserId = "alice",
        ChallengeType = "nose",
        Parameters = System.Text.Json.JsonDocument.Parse("{}").RootElement,
        FrameWidth = 480,
        FrameHeight = 480,
        CreatedAt = _clock.GetUtcNow(),
        ExpiresAt = _clock.GetUtcNow().AddMinutes(3),
        RetainUntil = _clock.GetUtcNow().AddDays(1),
    };

    [Test]
    public async Task AttemptStore_RecordsOperationKeyAndResultInOrder()
    {
        var store = RecordingAttemptStore.InMemory(_clock);

        await store.TryCreateSessionAsync(NewSession("s1"), default);
        await store.TryCreateSessionAsync(NewSession("s1"), default);
        await store.GetSessionAsync("missing", default);
        await store.TryCountAttemptAsync("user:alice", _clock.GetUtcNow(), TimeSpan.FromMinutes(15), 1, default);
        await store.TryCountAttemptAsync("user:alice", _clock.GetUtcNow(), TimeSpan.FromMinutes(15), 1, default);

        store.Calls.Should().Equal(
            new StoreCall("TryCreateSession", "s1", "True"),
            new StoreCall("TryCreateSession", "s1", "False"),
            new StoreCall("GetSession", "missing", "null"),
            new StoreCall("TryCountAttempt", "user:alice", "Allowed 1"),
            new StoreCall("TryCountAttempt", "user:alice", "Refused 1"));
        store.CallsTo("TryCreateSession").Should().Be(2);
    }

    [Test]
    public async Task AttemptStore_ClearCalls_ForgetsButKeepsData()
    {
        var store = RecordingAttemptStore.InMemory(_clock);
        await store.TryCreateSessionAsync(NewSession("s1"), default);

        store.ClearCalls();

        store.Calls.Should().BeEmpty();
        (await store.GetSessionAsync("s1", default)).Should().NotBeNull();
    }

    [Test]
    public async Task AttemptStore_InnerThrows_RecordsTheCallWithoutResultAndRethrows()
    {
        var store = new RecordingAttemptStore(new ThrowingAttemptStore());

        await store.Invoking(s => s.GetSessionAsync("s1", default).AsTask()).Should().ThrowAsync<TimeoutException>();

        store.Calls.Should().Equal(new StoreCall("GetSession", "s1", null));
    }

    [Test]
    public async Task FrameStore_RecordsPutsGetsAndDeletes()
    {
        var store = RecordingFrameStore.InMemory(_clock);
        var key = FrameKeys.Frame("s1", new string('a', 64), ImageFormat.Jpeg);

        await store.PutAsync(key, new byte[] { 1, 2, 3 }, "image/jpeg", _clock.GetUtcNow().AddDays(1), default);
        await store.GetAsync(key, default);
        var deleted = await store.DeletePrefixAsync(FrameKeys.SessionPrefix("s1"), default);
        await store.GetAsync(key, default);

        deleted.Should().Be(1);
        store.Calls.Select(c => (c.Operation, c.Result)).Should().Equal(("Put", null), ("Get", "3 byte(s)"), ("DeletePrefix", "1"), ("Get", "null"));
        store.Calls[0].Key.Should().Be(key);
    }

    [Test]
    public async Task InMemoryStores_ExpireOnTheGivenClock()
    {
        var frames = new InMemoryFrameStore(_clock);
        var key = FrameKeys.Enrolment("alice", ImageFormat.Png);
        await frames.PutAsync(key, new byte[] { 9 }, "image/png", _clock.GetUtcNow().AddHours(1), default);

        _clock.Advance(TimeSpan.FromHours(2));

        (await frames.GetAsync(key, default)).Should().BeNull();
    }

    private sealed class ThrowingAttemptStore : IAttemptStore
    {
        public ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken) => ValueTask.FromException<ChallengeSession?>(new TimeoutException());

        public ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken) => throw new TimeoutException();

        public ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken) => throw new TimeoutException();
    }
}
