using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Storage;

public class InMemoryAttemptStoreTests
{
    private readonly ManualTimeProvider _time = new();
    private readonly InMemoryAttemptStore _store;

    public InMemoryAttemptStoreTests() => _store = new InMemoryAttemptStore(_time);

    private DateTimeOffset Now => _time.GetUtcNow();

    private ChallengeSession NewSession(string id = "s1", TimeSpan? retain = null) => new()
    {
        Id = id,
        UserId = "alice",
        ChallengeType = "nose",
        Parameters = JsonDocument.Parse("""{"x":1}""").RootElement,
        FrameWidth = 480,
        FrameHeight = 640,
        CreatedAt = Now,
        ExpiresAt = Now.AddMinutes(2),
        RetainUntil = Now + (retain ?? TimeSpan.FromDays(1)),
    };

    private FrameRecord NewFrame(string sessionId, string hash, TimeSpan? retain = null) => new()
    {
        SessionId = sessionId,
        ReceivedAt = Now,
        ContentHash = hash,
        StorageKey = FrameKeys.Frame(sessionId, hash, ImageFormat.Jpeg),
        Format = ImageFormat.Jpeg,
        Length = 10,
        RetainUntil = Now + (retain ?? TimeSpan.FromDays(1)),
    };

    [Test]
    public async Task GetSession_PastRetainUntil_ReturnsNullAndFreesTheId()
    {
        await _store.TryCreateSessionAsync(NewSession(retain: TimeSpan.FromHours(1)), CancellationToken.None);
        await _store.TryAppendFrameAsync(NewFrame("s1", "h0"), 10, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        (await _store.GetSessionAsync("s1", CancellationToken.None)).Should().BeNull();
        (await _store.GetFramesAsync("s1", CancellationToken.None)).Should().BeEmpty();
        (await _store.GetSessionIdsForUserAsync("alice", CancellationToken.None)).Should().BeEmpty();
        (await _store.TryAppendFrameAsync(NewFrame("s1", "h1"), 10, CancellationToken.None)).Status.Should().Be(FrameAppendStatus.SessionNotFound);
        (await _store.TryCreateSessionAsync(NewSession(), CancellationToken.None)).Should().BeTrue();
        (await _store.GetFramesAsync("s1", CancellationToken.None)).Should().BeEmpty("a re-created session starts without the old frames");
    }

    [Test]
    public async Task GetSession_JustBeforeRetainUntil_IsVisible()
    {
        await _store.TryCreateSessionAsync(NewSession(retain: TimeSpan.FromHours(1)), CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1) - TimeSpan.FromTicks(1));

        (await _store.GetSessionAsync("s1", CancellationToken.None)).Should().NotBeNull();
    }

    [Test]
    public async Task GetFrames_FramePastItsRetainUntil_IsHidden()
    {
        await _store.TryCreateSessionAsync(NewSession(), CancellationToken.None);
        await _store.TryAppendFrameAsync(NewFrame("s1", "h0", TimeSpan.FromMinutes(5)), 10, CancellationToken.None);
        await _store.TryAppendFrameAsync(NewFrame("s1", "h1"), 10, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        var frames = await _store.GetFramesAsync("s1", CancellationToken.None);

        frames.Select(f => f.ContentHash).Should().Equal("h1");
    }

    [Test]
    public async Task Maintain_AfterSweepInterval_RemovesExpiredSessionsFromMemory()
    {
        await _store.TryCreateSessionAsync(NewSession("old", TimeSpan.FromSeconds(10)), CancellationToken.None);
        await _store.TryCreateSessionAsync(NewSession("kept"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        await _store.GetSessionAsync("kept", CancellationToken.None);

        _store.SessionCountIncludingExpired.Should().Be(1);
    }

    [Test]
    public async Task TryRedeemToken_AfterRetainUntil_RecordIsGone()
    {
        (await _store.TryRedeemTokenAsync("jti", Now.AddMinutes(2), CancellationToken.None)).Should().BeTrue();
        _time.Advance(TimeSpan.FromMinutes(1));
        (await _store.TryRedeemTokenAsync("jti", Now.AddMinutes(2), CancellationToken.None)).Should().BeFalse();
        _time.Advance(TimeSpan.FromMinutes(1));

        (await _store.TryRedeemTokenAsync("jti", Now.AddMinutes(2), CancellationToken.None)).Should().BeTrue("the record was retained only until the token expired");
    }

    [Test]
    public async Task SaveAnalysis_CallerMutatesItsArraysAfterwards_StoredAnalysisUnchanged()
    {
        await _store.TryCreateSessionAsync(NewSession(), CancellationToken.None);
        await _store.TryAppendFrameAsync(NewFrame("s1", "h0"), 10, CancellationToken.None);
        var landmarks = new[] { new Landmark(LandmarkType.Nose, 0.5, 0.5) };
        var faces = new[] { new FaceDetails { Landmarks = landmarks, Confidence = 99 } };

        await _store.SaveAnalysisAsync("s1", 0, new StoredAnalysis(faces, null, Now), CancellationToken.None);
        landmarks[0] = new Landmark(LandmarkType.EyeLeft, 0, 0);
        faces[0] = new FaceDetails { Confidence = 1 };
        var stored = (await _store.GetFramesAsync("s1", CancellationToken.None))[0].Analysis!;

        stored.Faces.Should().ContainSingle().Which.Confidence.Should().Be(99);
        stored.Faces[0].Landmarks.Should().Equal(new Landmark(LandmarkType.Nose, 0.5, 0.5));
        stored.Faces.Should().NotBeAssignableTo<FaceDetails[]>("a caller could otherwise write into the stored array");
        stored.Faces[0].Landmarks.Should().NotBeAssignableTo<Landmark[]>();
    }

    [Test]
    public async Task GetFrames_ReturnedList_CannotChangeStoredFrames()
    {
        await _store.TryCreateSessionAsync(NewSession(), CancellationToken.None);
        await _store.TryAppendFrameAsync(NewFrame("s1", "h0"), 10, CancellationToken.None);

        var first = await _store.GetFramesAsync("s1", CancellationToken.None);
        await _store.TryAppendFrameAsync(NewFrame("s1", "h1"), 10, CancellationToken.None);

        first.Should().HaveCount(1, "a read is a snapshot");
        first.Should().NotBeAssignableTo<FrameRecord[]>();
        (await _store.GetFramesAsync("s1", CancellationToken.None)).Should().HaveCount(2);
    }

    [Test]
    public async Task TryCreateSession_CallerDisposesParametersDocument_StoredParametersStillReadable()
    {
        var document = JsonDocument.Parse("""{"target":[1,2]}""");
        await _store.TryCreateSessionAsync(NewSession() with { Parameters = document.RootElement }, CancellationToken.None);
        document.Dispose();

        var stored = await _store.GetSessionAsync("s1", CancellationToken.None);

        stored!.Parameters.GetRawText().Should().Be("""{"target":[1,2]}""");
    }

    [TestCase(SessionStatus.Created)]
    [TestCase(SessionStatus.Collecting)]
    public async Task CompleteSession_NonFinalOutcome_ThrowsArgumentException(SessionStatus status)
    {
        await _store.TryCreateSessionAsync(NewSession(), CancellationToken.None);

        await _store.Invoking(s => s.CompleteSessionAsync("s1", new SessionOutcome(status, ChallengeReason.None), Now, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        (await _store.GetSessionAsync("s1", CancellationToken.None))!.IsFinal.Should().BeFalse();
    }

    [Test]
    public async Task TryCountAttempt_BeforeUnixEpoch_UsesTheEnclosingWindow()
    {
        var now = DateTimeOffset.UnixEpoch.AddMinutes(-30);

        var result = await _store.TryCountAttemptAsync("user:x", now, TimeSpan.FromHours(1), 1, CancellationToken.None);

        result.WindowEndsAt.Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Test]
    public async Task TryCountAttempt_SameKeyDifferentWindowLengths_CountSeparately()
    {
        (await _store.TryCountAttemptAsync("user:x", Now, TimeSpan.FromHours(1), 1, CancellationToken.None)).Allowed.Should().BeTrue();

        (await _store.TryCountAttemptAsync("user:x", Now, TimeSpan.FromDays(1), 1, CancellationToken.None)).Allowed.Should().BeTrue();
    }

    [Test]
    public async Task TryCountAttempt_Refused_ReportsTheCountInTheWindow()
    {
        await _store.TryCountAttemptAsync("user:x", Now, TimeSpan.FromHours(1), 2, CancellationToken.None);
        await _store.TryCountAttemptAsync("user:x", Now, TimeSpan.FromHours(1), 2, CancellationToken.None);

        var refused = await _store.TryCountAttemptAsync("user:x", Now, TimeSpan.FromHours(1), 2, CancellationToken.None);

        refused.Should().Be(new AttemptCount(false, 2, Now.AddHours(1)));
    }

    [Test]
    public async Task TryAppendFrame_ZeroMaxFrames_ThrowsArgumentOutOfRange()
    {
        await _store.TryCreateSessionAsync(NewSession(), CancellationToken.None);

        await _store.Invoking(s => s.TryAppendFrameAsync(NewFrame("s1", "h"), 0, CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentOutOfRangeException>();
    }
}
