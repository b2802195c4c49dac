using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <summary>
/// The behaviour every <see cref="IAttemptStore"/> must have, as NUnit tests. Inherit, implement
/// <see cref="CreateStoreAsync"/>, and the whole contract runs against your store:
/// <code>
/// [TestFixture]
/// public sealed class MyAttemptStoreTests : AttemptStoreContractTests
/// {
///     protected override ValueTask&lt;IAttemptStore&gt; CreateStoreAsync() => ValueTask.FromResult&lt;IAttemptStore&gt;(new MyStore(...));
/// }
/// </code>
/// Every test uses fresh random session, user, counter and token ids, so the store may be shared between tests (one
/// DynamoDB table for the whole run). Times are taken from <see cref="Clock"/> (the system clock by default), so
/// retention times (<c>RetainUntil</c>) always lie in the future of a store that expires items by real time.
/// </summary>
/// <remarks>
/// Conventions the tests pin down, beyond the interface's documentation:
/// <list type="bullet">
/// <item>Timestamps round-trip to the millisecond (a store may drop sub-millisecond ticks); instants are compared, not offsets.</item>
/// <item><see cref="ChallengeSession.Parameters"/> round-trips as the same JSON text (no reformatting of the raw value).</item>
/// <item>Attempt windows are aligned on the Unix epoch: the window containing <c>now</c> starts at
/// <c>floor(now / window) * window</c>, so every instance agrees on the window without coordination.</item>
/// <item><see cref="IAttemptStore.DeleteUserDataAsync"/> keeps attempt counters, also those whose key is
/// <c>user:{userId}</c> (see <see cref="UserCounterKey"/>): deleting one's data must not reset one's lockout.</item>
/// <item>User locks and markers expire by the store's clock, which the tests assume agrees with <see cref="Clock"/>.</item>
/// </list>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names follow Method_Scenario_Expectation.")]
public abstract class AttemptStoreContractTests
{
    private const string ParametersJson = """{"target":{"x":0.25,"y":0.75},"radius":0.125,"label":"nose \u00e9"}""";

    private IAttemptStore? _store;

    /// <summary>The store under test, created by <see cref="CreateStoreAsync"/> before each test.</summary>
    protected IAttemptStore Store => _store ?? throw new InvalidOperationException("The store is created in SetUp.");

    /// <summary>The clock the tests take "now" from. Default: <see cref="TimeProvider.System"/>.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>Creates the store under test: empty, or shared but safe for the random ids the tests use.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<IAttemptStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created. Default: nothing.</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask DisposeStoreAsync() => ValueTask.CompletedTask;

    /// <summary>The attempt-counter key of a user's sessions (which <see cref="IAttemptStore.DeleteUserDataAsync"/> must keep).</summary>
    /// <param name="userId">The user id.</param>
    /// <returns><c>user:{userId}</c>.</returns>
    protected static string UserCounterKey(string userId) => "user:" + userId;

    /// <summary>Creates the store before each test.</summary>
    /// <returns>A task that completes when the store exists.</returns>
    [SetUp]
    public async Task CreateStoreBeforeTestAsync() => _store = await CreateStoreAsync().ConfigureAwait(false);

    /// <summary>Releases the store after each test.</summary>
    /// <returns>A task that completes when released.</returns>
    [TearDown]
    public async Task DisposeStoreAfterTestAsync()
    {
        await DisposeStoreAsync().ConfigureAwait(false);
        _store = null;
    }

    // ---------------------------------------------------------------- sessions

    /// <summary>Creating a session twice with the same id fails the second time and keeps the first.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCreateSession_SameIdTwice_SecondReturnsFalseAndKeepsFirst()
    {
        var session = NewSession();

        var first = await Store.TryCreateSessionAsync(session, CancellationToken.None).ConfigureAwait(false);
        var second = await Store.TryCreateSessionAsync(session with { UserId = NewId("other"), ChallengeType = "pose" }, CancellationToken.None).ConfigureAwait(false);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored, Is.Not.Null);
        Assert.That(stored!.UserId, Is.EqualTo(session.UserId));
        Assert.That(stored.ChallengeType, Is.EqualTo(session.ChallengeType));
    }

    /// <summary>Reading a session that does not exist returns null.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetSession_Missing_ReturnsNull()
    {
        var stored = await Store.GetSessionAsync(NewId("missing"), CancellationToken.None).ConfigureAwait(false);

        Assert.That(stored, Is.Null);
    }

    /// <summary>Every field of a new session reads back as written.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetSession_AfterCreate_RoundTripsEveryField()
    {
        var session = NewSession();

        await CreateAsync(session).ConfigureAwait(false);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        AssertSameSession(stored, session);
        Assert.That(stored!.Status, Is.EqualTo(SessionStatus.Created));
        Assert.That(stored.FrameCount, Is.Zero);
        Assert.That(stored.DecidedAtFrame, Is.Null);
        Assert.That(stored.Outcome, Is.Null);
        Assert.That(stored.CompletedAt, Is.Null);
    }

    /// <summary>A completed, decided session round-trips its outcome, decision and completion time too.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetSession_AfterDecideAndComplete_RoundTripsLifecycleFields()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);
        Assert.That(await Store.TryMarkDecidedAsync(session.Id, 1, CancellationToken.None).ConfigureAwait(false), Is.True);
        var outcome = new SessionOutcome(SessionStatus.Failed, ChallengeReason.Custom, 1, "blinked twice");
        var completedAt = Now().AddTicks(1234);

        await Store.CompleteSessionAsync(session.Id, outcome, completedAt, CancellationToken.None).ConfigureAwait(false);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        AssertSameSession(stored, session);
        Assert.That(stored!.Status, Is.EqualTo(SessionStatus.Failed));
        Assert.That(stored.FrameCount, Is.EqualTo(2));
        Assert.That(stored.DecidedAtFrame, Is.EqualTo(1));
        Assert.That(stored.Outcome, Is.EqualTo(outcome));
        AssertSameInstant(stored.CompletedAt, completedAt);
    }

    /// <summary>A session read from the store is a copy: the caller cannot change stored state through it.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetSession_AfterFrameAppend_ReflectsStoreNotEarlierSnapshot()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        var before = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        await AppendAsync(session, 0).ConfigureAwait(false);
        var after = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        Assert.That(before!.Status, Is.EqualTo(SessionStatus.Created));
        Assert.That(before.FrameCount, Is.Zero);
        Assert.That(after!.Status, Is.EqualTo(SessionStatus.Collecting));
        Assert.That(after.FrameCount, Is.EqualTo(1));
    }

    // ---------------------------------------------------------------- frames

    /// <summary>Appends get 0, 1, 2 in order; the session moves to Collecting and counts them.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_InOrder_AssignsSequencesAndMovesToCollecting()
    {
        var session = await CreateAsync().ConfigureAwait(false);

        for (var i = 0; i < 3; i++)
        {
            var result = await Store.TryAppendFrameAsync(NewFrame(session, i) with { Sequence = 99 }, 10, CancellationToken.None).ConfigureAwait(false);
            Assert.That(result, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.Appended, i)));
            var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
            Assert.That(stored!.Status, Is.EqualTo(SessionStatus.Collecting));
            Assert.That(stored.FrameCount, Is.EqualTo(i + 1));
        }
    }

    /// <summary>A frame with the content hash of an earlier frame of the session is refused.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_DuplicateContentHash_ReturnsDuplicate()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);

        var result = await Store.TryAppendFrameAsync(NewFrame(session, 0), 10, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.Duplicate, -1)));
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.FrameCount, Is.EqualTo(2));
        Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Has.Count.EqualTo(2));
    }

    /// <summary>The same content in two different sessions is not a duplicate.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_SameContentInOtherSession_IsAppended()
    {
        var first = await CreateAsync().ConfigureAwait(false);
        var second = await CreateAsync().ConfigureAwait(false);
        var hash = Hash("shared content " + first.Id);

        var a = await Store.TryAppendFrameAsync(NewFrame(first, 0) with { ContentHash = hash }, 10, CancellationToken.None).ConfigureAwait(false);
        var b = await Store.TryAppendFrameAsync(NewFrame(second, 0) with { ContentHash = hash }, 10, CancellationToken.None).ConfigureAwait(false);

        Assert.That(a.Status, Is.EqualTo(FrameAppendStatus.Appended));
        Assert.That(b.Status, Is.EqualTo(FrameAppendStatus.Appended));
    }

    /// <summary>A session holding <c>maxFrames</c> frames refuses one more.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_OverMaxFrames_ReturnsTooManyFrames()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        for (var i = 0; i < 3; i++)
        {
            Assert.That((await Store.TryAppendFrameAsync(NewFrame(session, i), 3, CancellationToken.None).ConfigureAwait(false)).Status, Is.EqualTo(FrameAppendStatus.Appended));
        }

        var result = await Store.TryAppendFrameAsync(NewFrame(session, 3), 3, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.TooManyFrames, -1)));
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.FrameCount, Is.EqualTo(3));
        Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Has.Count.EqualTo(3));
    }

    /// <summary>A completed session accepts no more frames.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_AfterCompletion_ReturnsSessionClosed()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await Store.CompleteSessionAsync(session.Id, new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, 0), Now(), CancellationToken.None).ConfigureAwait(false);

        var result = await Store.TryAppendFrameAsync(NewFrame(session, 1), 10, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.SessionClosed, -1)));
        Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Has.Count.EqualTo(1));
    }

    /// <summary>A session completed without any frame (e.g. expired) accepts no frame.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_AfterCompletionFromCreated_ReturnsSessionClosed()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await Store.CompleteSessionAsync(session.Id, new SessionOutcome(SessionStatus.Expired, ChallengeReason.SessionExpired), Now(), CancellationToken.None).ConfigureAwait(false);

        var result = await Store.TryAppendFrameAsync(NewFrame(session, 0), 10, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result.Status, Is.EqualTo(FrameAppendStatus.SessionClosed));
    }

    /// <summary>A decided session accepts no more frames.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_AfterMarkDecided_ReturnsSessionClosed()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        Assert.That(await Store.TryMarkDecidedAsync(session.Id, 0, CancellationToken.None).ConfigureAwait(false), Is.True);

        var result = await Store.TryAppendFrameAsync(NewFrame(session, 1), 10, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.SessionClosed, -1)));
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.FrameCount, Is.EqualTo(1));
    }

    /// <summary>A frame for a session that does not exist is refused.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_UnknownSession_ReturnsSessionNotFound()
    {
        var ghost = NewSession();

        var result = await Store.TryAppendFrameAsync(NewFrame(ghost, 0), 10, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.SessionNotFound, -1)));
        Assert.That(await Store.GetFramesAsync(ghost.Id, CancellationToken.None).ConfigureAwait(false), Is.Empty);
    }

    /// <summary>50 concurrent appends get the distinct sequences 0..49 and none is lost.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_50Concurrent_AssignsDistinctSequencesAndLosesNone()
    {
        const int count = 50;
        var session = await CreateAsync().ConfigureAwait(false);
        var frames = Enumerable.Range(0, count).Select(i => NewFrame(session, i)).ToArray();

        var results = await Task.WhenAll(frames.Select(f => Task.Run(async () => await Store.TryAppendFrameAsync(f, 1000, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.That(results.Select(r => r.Status), Is.All.EqualTo(FrameAppendStatus.Appended));
        Assert.That(results.Select(r => r.Sequence).Order(), Is.EqualTo(Enumerable.Range(0, count)));
        var stored = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored.Select(f => f.Sequence), Is.EqualTo(Enumerable.Range(0, count)));
        for (var i = 0; i < count; i++)
        {
            // The frame that was told sequence s is stored under s.
            var hash = frames[i].ContentHash;
            Assert.That(stored[results[i].Sequence].ContentHash, Is.EqualTo(hash));
        }

        Assert.That(stored.Select(f => f.ContentHash), Is.EquivalentTo(frames.Select(f => f.ContentHash)));
        var session2 = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(session2!.FrameCount, Is.EqualTo(count));
    }

    /// <summary>30 concurrent appends to a session limited to 20 frames append exactly 20.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_30ConcurrentWithMax20_AppendsExactly20()
    {
        var session = await CreateAsync().ConfigureAwait(false);

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(async () => await Store.TryAppendFrameAsync(NewFrame(session, i), 20, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        var appended = results.Where(r => r.Status == FrameAppendStatus.Appended).ToArray();
        Assert.That(appended, Has.Length.EqualTo(20));
        Assert.That(appended.Select(r => r.Sequence).Order(), Is.EqualTo(Enumerable.Range(0, 20)));
        Assert.That(results.Where(r => r.Status != FrameAppendStatus.Appended).Select(r => r.Status), Is.All.EqualTo(FrameAppendStatus.TooManyFrames));
        Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Has.Count.EqualTo(20));
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.FrameCount, Is.EqualTo(20));
    }

    /// <summary>Every field of a frame record reads back as written, with the assigned sequence and no analysis yet.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetFrames_AfterAppend_RoundTripsEveryField()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        var frame = NewFrame(session, 0) with { Format = ImageFormat.Png, Length = 123_456 };
        frame = frame with { StorageKey = FrameKeys.Frame(session.Id, frame.ContentHash, ImageFormat.Png) };

        await Store.TryAppendFrameAsync(frame, 10, CancellationToken.None).ConfigureAwait(false);
        var stored = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        Assert.That(stored, Has.Count.EqualTo(1));
        var read = stored[0];
        Assert.That(read.SessionId, Is.EqualTo(session.Id));
        Assert.That(read.Sequence, Is.Zero);
        AssertSameInstant(read.ReceivedAt, frame.ReceivedAt);
        Assert.That(read.ContentHash, Is.EqualTo(frame.ContentHash));
        Assert.That(read.StorageKey, Is.EqualTo(frame.StorageKey));
        Assert.That(read.Format, Is.EqualTo(ImageFormat.Png));
        Assert.That(read.Length, Is.EqualTo(123_456));
        AssertSameInstant(read.RetainUntil, frame.RetainUntil);
        Assert.That(read.Analysis, Is.Null);
    }

    /// <summary>Frames come back ordered by sequence.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetFrames_ManyFrames_OrderedBySequence()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        var hashes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var frame = NewFrame(session, i);
            hashes.Add(frame.ContentHash);
            await Store.TryAppendFrameAsync(frame, 100, CancellationToken.None).ConfigureAwait(false);
        }

        var stored = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        Assert.That(stored.Select(f => f.Sequence), Is.EqualTo(Enumerable.Range(0, 12)));
        Assert.That(stored.Select(f => f.ContentHash), Is.EqualTo(hashes));
    }

    /// <summary>A session without frames, or no session at all, has no frames.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetFrames_NoFrames_ReturnsEmpty()
    {
        var session = await CreateAsync().ConfigureAwait(false);

        Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Is.Empty);
        Assert.That(await Store.GetFramesAsync(NewId("missing"), CancellationToken.None).ConfigureAwait(false), Is.Empty);
    }

    /// <summary>The frames of one session are not mixed with another's.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetFrames_TwoSessions_ReturnsOnlyThatSessionsFrames()
    {
        var first = await CreateAsync().ConfigureAwait(false);
        var second = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(first, 0).ConfigureAwait(false);
        await AppendAsync(second, 0).ConfigureAwait(false);
        await AppendAsync(second, 1).ConfigureAwait(false);

        var frames = await Store.GetFramesAsync(first.Id, CancellationToken.None).ConfigureAwait(false);

        Assert.That(frames, Has.Count.EqualTo(1));
        Assert.That(frames[0].SessionId, Is.EqualTo(first.Id));
    }

    // ---------------------------------------------------------------- analyses

    /// <summary>A saved analysis comes back with the frame, faces field by field.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_ThenGetFrames_ReturnsTheAnalysis()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);
        var analysis = new StoredAnalysis([RichFace(0.1), RichFace(0.3)], null, Now().AddMilliseconds(5));

        await Store.SaveAnalysisAsync(session.Id, 1, analysis, CancellationToken.None).ConfigureAwait(false);
        var frames = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        Assert.That(frames[0].Analysis, Is.Null);
        AssertSameAnalysis(frames[1].Analysis, analysis);
    }

    /// <summary>An analysis with a rejection and no faces, and one with a minimal face, round-trip.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_RejectionAndMinimalFace_RoundTrip()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);
        var rejected = new StoredAnalysis([], ImageRejection.ImageTooLarge, Now());
        var minimal = new StoredAnalysis([new FaceDetails { Confidence = 50 }], null, Now());

        await Store.SaveAnalysisAsync(session.Id, 0, rejected, CancellationToken.None).ConfigureAwait(false);
        await Store.SaveAnalysisAsync(session.Id, 1, minimal, CancellationToken.None).ConfigureAwait(false);
        var frames = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        AssertSameAnalysis(frames[0].Analysis, rejected);
        AssertSameAnalysis(frames[1].Analysis, minimal);
    }

    /// <summary>Saving a frame's analysis twice keeps the first.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_Twice_KeepsTheFirst()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        var first = new StoredAnalysis([RichFace(0.2)], null, Now());
        var second = new StoredAnalysis([], ImageRejection.InvalidImageFormat, Now().AddSeconds(1));

        await Store.SaveAnalysisAsync(session.Id, 0, first, CancellationToken.None).ConfigureAwait(false);
        await Store.SaveAnalysisAsync(session.Id, 0, second, CancellationToken.None).ConfigureAwait(false);
        var frames = await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false);

        AssertSameAnalysis(frames[0].Analysis, first);
    }

    /// <summary>Saving analyses does not change the frame's metadata.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task SaveAnalysis_KeepsFrameMetadata()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        var frame = NewFrame(session, 0);
        await Store.TryAppendFrameAsync(frame, 10, CancellationToken.None).ConfigureAwait(false);

        await Store.SaveAnalysisAsync(session.Id, 0, new StoredAnalysis([RichFace(0.4)], null, Now()), CancellationToken.None).ConfigureAwait(false);
        var read = (await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false))[0];

        Assert.That(read.ContentHash, Is.EqualTo(frame.ContentHash));
        Assert.That(read.StorageKey, Is.EqualTo(frame.StorageKey));
        Assert.That(read.Length, Is.EqualTo(frame.Length));
        AssertSameInstant(read.ReceivedAt, frame.ReceivedAt);
    }

    // ---------------------------------------------------------------- decided flag

    /// <summary>The first mark wins; the second returns false and keeps the first frame.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryMarkDecided_Twice_FirstTrueSecondFalse()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await AppendAsync(session, 1).ConfigureAwait(false);

        var first = await Store.TryMarkDecidedAsync(session.Id, 0, CancellationToken.None).ConfigureAwait(false);
        var second = await Store.TryMarkDecidedAsync(session.Id, 1, CancellationToken.None).ConfigureAwait(false);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.DecidedAtFrame, Is.Zero);
        Assert.That(stored.Status, Is.EqualTo(SessionStatus.Collecting));
    }

    /// <summary>Many concurrent marks: exactly one wins.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryMarkDecided_20Concurrent_ExactlyOneWins()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        for (var i = 0; i < 20; i++)
        {
            await AppendAsync(session, i).ConfigureAwait(false);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () => await Store.TryMarkDecidedAsync(session.Id, i, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.DecidedAtFrame, Is.EqualTo(Array.IndexOf(results, true)));
    }

    /// <summary>A session without frames (Created) cannot be decided.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryMarkDecided_OnCreated_ReturnsFalse()
    {
        var session = await CreateAsync().ConfigureAwait(false);

        var marked = await Store.TryMarkDecidedAsync(session.Id, 0, CancellationToken.None).ConfigureAwait(false);

        Assert.That(marked, Is.False);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.DecidedAtFrame, Is.Null);
        Assert.That(stored.Status, Is.EqualTo(SessionStatus.Created));
    }

    /// <summary>A final session cannot be decided.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryMarkDecided_OnFinal_ReturnsFalse()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await Store.CompleteSessionAsync(session.Id, new SessionOutcome(SessionStatus.Failed, ChallengeReason.ChallengeNotCompleted), Now(), CancellationToken.None).ConfigureAwait(false);

        var marked = await Store.TryMarkDecidedAsync(session.Id, 0, CancellationToken.None).ConfigureAwait(false);

        Assert.That(marked, Is.False);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.DecidedAtFrame, Is.Null);
    }

    /// <summary>A session that does not exist cannot be decided (and is not created by trying).</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryMarkDecided_UnknownSession_ReturnsFalse()
    {
        var id = NewId("missing");

        var marked = await Store.TryMarkDecidedAsync(id, 0, CancellationToken.None).ConfigureAwait(false);

        Assert.That(marked, Is.False);
        Assert.That(await Store.GetSessionAsync(id, CancellationToken.None).ConfigureAwait(false), Is.Null);
    }

    // ---------------------------------------------------------------- completion

    /// <summary>Completing a session stores the outcome, the final status and the completion time.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task CompleteSession_Collecting_StoresOutcome()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        var outcome = new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, 0);
        var completedAt = Now();

        var completed = await Store.CompleteSessionAsync(session.Id, outcome, completedAt, CancellationToken.None).ConfigureAwait(false);

        Assert.That(completed, Is.Not.Null);
        Assert.That(completed!.Status, Is.EqualTo(SessionStatus.Passed));
        Assert.That(completed.Outcome, Is.EqualTo(outcome));
        AssertSameInstant(completed.CompletedAt, completedAt);
        Assert.That(completed.FrameCount, Is.EqualTo(1));
        AssertSameSession(completed, session);
    }

    /// <summary>A session with no frames can be completed (e.g. as expired).</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task CompleteSession_Created_StoresOutcome()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        var outcome = new SessionOutcome(SessionStatus.Expired, ChallengeReason.SessionExpired);

        var completed = await Store.CompleteSessionAsync(session.Id, outcome, Now(), CancellationToken.None).ConfigureAwait(false);

        Assert.That(completed!.Status, Is.EqualTo(SessionStatus.Expired));
        Assert.That(completed.Outcome, Is.EqualTo(outcome));
        Assert.That(completed.FrameCount, Is.Zero);
    }

    /// <summary>100 concurrent completions with different outcomes all see the one stored outcome.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task CompleteSession_100Concurrent_AllReturnTheSameStoredOutcome()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        var start = Now();
        var statuses = new[] { SessionStatus.Passed, SessionStatus.Failed, SessionStatus.Expired };

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
            await Store.CompleteSessionAsync(
                session.Id,
                new SessionOutcome(statuses[i % 3], (ChallengeReason)(i % 23), i % 7, "attempt " + i),
                start.AddMilliseconds(i),
                CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.That(results, Is.All.Not.Null);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.IsFinal, Is.True);
        Assert.That(stored.CompletedAt, Is.Not.Null);
        var winner = int.Parse(stored.Outcome!.Detail!["attempt ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(stored.Status, Is.EqualTo(statuses[winner % 3]));
        AssertSameInstant(stored.CompletedAt, start.AddMilliseconds(winner));
        foreach (var result in results)
        {
            Assert.That(result!.Outcome, Is.EqualTo(stored.Outcome));
            Assert.That(result.Status, Is.EqualTo(stored.Status));
            AssertSameInstant(result.CompletedAt, stored.CompletedAt!.Value);
        }
    }

    /// <summary>Completing a final session returns the stored one unchanged.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task CompleteSession_AfterFinal_ReturnsStoredUnchanged()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        var outcome = new SessionOutcome(SessionStatus.Failed, ChallengeReason.FaceNotFound, 0);
        var completedAt = Now();
        await Store.CompleteSessionAsync(session.Id, outcome, completedAt, CancellationToken.None).ConfigureAwait(false);

        var again = await Store.CompleteSessionAsync(session.Id, new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, 0), completedAt.AddMinutes(1), CancellationToken.None).ConfigureAwait(false);

        Assert.That(again!.Status, Is.EqualTo(SessionStatus.Failed));
        Assert.That(again.Outcome, Is.EqualTo(outcome));
        AssertSameInstant(again.CompletedAt, completedAt);
        var stored = await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(stored!.Outcome, Is.EqualTo(outcome));
    }

    /// <summary>Completing a session that does not exist returns null and creates nothing.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task CompleteSession_Missing_ReturnsNull()
    {
        var id = NewId("missing");

        var completed = await Store.CompleteSessionAsync(id, new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed), Now(), CancellationToken.None).ConfigureAwait(false);

        Assert.That(completed, Is.Null);
        Assert.That(await Store.GetSessionAsync(id, CancellationToken.None).ConfigureAwait(false), Is.Null);
    }

    // ---------------------------------------------------------------- attempt counters

    /// <summary>N attempts are allowed in a window, the next is refused with the window's end.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_LimitInWindow_AllowsLimitThenRefuses()
    {
        var key = NewId("user:limit");
        var window = TimeSpan.FromHours(1);
        var (start, end) = CurrentWindow(window);

        for (var i = 1; i <= 3; i++)
        {
            // Different times inside one window share one counter.
            var result = await Store.TryCountAttemptAsync(key, start.AddMinutes(i * 10), window, 3, CancellationToken.None).ConfigureAwait(false);
            Assert.That(result, Is.EqualTo(new AttemptCount(true, i, end)));
        }

        var refused = await Store.TryCountAttemptAsync(key, end.AddMilliseconds(-1), window, 3, CancellationToken.None).ConfigureAwait(false);

        Assert.That(refused.Allowed, Is.False);
        Assert.That(refused.WindowEndsAt, Is.EqualTo(end));
    }

    /// <summary>The window containing <c>now</c> is aligned on the Unix epoch.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_Window_IsAlignedOnUnixEpoch()
    {
        var window = TimeSpan.FromMinutes(15);
        var now = Now();

        var result = await Store.TryCountAttemptAsync(NewId("user:align"), now, window, 5, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result.WindowEndsAt, Is.EqualTo(CurrentWindow(window, now).End));
        Assert.That(result.WindowEndsAt, Is.GreaterThan(now));
        Assert.That(result.WindowEndsAt - window, Is.LessThanOrEqualTo(now));
    }

    /// <summary>When the window ends, counting starts again.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_NextWindow_AllowedAgain()
    {
        var key = NewId("user:next");
        var window = TimeSpan.FromMinutes(10);
        var (start, end) = CurrentWindow(window);
        for (var i = 0; i < 2; i++)
        {
            await Store.TryCountAttemptAsync(key, start, window, 2, CancellationToken.None).ConfigureAwait(false);
        }

        Assert.That((await Store.TryCountAttemptAsync(key, start, window, 2, CancellationToken.None).ConfigureAwait(false)).Allowed, Is.False);

        var next = await Store.TryCountAttemptAsync(key, end, window, 2, CancellationToken.None).ConfigureAwait(false);

        Assert.That(next, Is.EqualTo(new AttemptCount(true, 1, end + window)));
    }

    /// <summary>Different keys are counted independently.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_DifferentKeys_AreIndependent()
    {
        var window = TimeSpan.FromHours(1);
        var (start, _) = CurrentWindow(window);
        var a = NewId("user:a");
        var b = NewId("device:b");
        await Store.TryCountAttemptAsync(a, start, window, 1, CancellationToken.None).ConfigureAwait(false);

        var otherKey = await Store.TryCountAttemptAsync(b, start, window, 1, CancellationToken.None).ConfigureAwait(false);
        var sameKey = await Store.TryCountAttemptAsync(a, start, window, 1, CancellationToken.None).ConfigureAwait(false);

        Assert.That(otherKey.Allowed, Is.True);
        Assert.That(otherKey.Count, Is.EqualTo(1));
        Assert.That(sameKey.Allowed, Is.False);
    }

    /// <summary>40 concurrent attempts with a limit of 10: exactly 10 are allowed, with counts 1..10.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_Concurrent_NeverExceedsLimit()
    {
        var key = NewId("user:concurrent");
        var window = TimeSpan.FromHours(1);
        var (start, end) = CurrentWindow(window);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(async () => await Store.TryCountAttemptAsync(key, start, window, 10, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        var allowed = results.Where(r => r.Allowed).ToArray();
        Assert.That(allowed, Has.Length.EqualTo(10));
        Assert.That(allowed.Select(r => r.Count).Order(), Is.EqualTo(Enumerable.Range(1, 10)));
        Assert.That(results.Select(r => r.WindowEndsAt), Is.All.EqualTo(end));
    }

    // ---------------------------------------------------------------- token redemption

    /// <summary>A token id is redeemed once; every later call is refused.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryRedeemToken_Twice_FirstTrueThenFalse()
    {
        var tokenId = NewId("jti");
        var retainUntil = Now().AddMinutes(5);

        var first = await Store.TryRedeemTokenAsync(tokenId, retainUntil, CancellationToken.None).ConfigureAwait(false);
        var second = await Store.TryRedeemTokenAsync(tokenId, retainUntil, CancellationToken.None).ConfigureAwait(false);
        var third = await Store.TryRedeemTokenAsync(tokenId, retainUntil.AddMinutes(1), CancellationToken.None).ConfigureAwait(false);
        var other = await Store.TryRedeemTokenAsync(NewId("jti"), retainUntil, CancellationToken.None).ConfigureAwait(false);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(third, Is.False);
        Assert.That(other, Is.True);
    }

    /// <summary>Concurrent redemptions of one token: exactly one succeeds.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryRedeemToken_50Concurrent_ExactlyOneTrue()
    {
        var tokenId = NewId("jti");
        var retainUntil = Now().AddMinutes(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await Store.TryRedeemTokenAsync(tokenId, retainUntil, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }

    // ---------------------------------------------------------------- user data

    /// <summary>A user's sessions are listed, and only theirs.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task GetSessionIdsForUser_ListsOnlyThatUsersSessions()
    {
        var user = NewId("user");
        var other = NewId("user");
        var mine = new[] { await CreateAsync(NewSession(user)).ConfigureAwait(false), await CreateAsync(NewSession(user)).ConfigureAwait(false) };
        await CreateAsync(NewSession(other)).ConfigureAwait(false);

        var ids = await Store.GetSessionIdsForUserAsync(user, CancellationToken.None).ConfigureAwait(false);

        Assert.That(ids, Is.EquivalentTo(mine.Select(s => s.Id)));
        Assert.That(await Store.GetSessionIdsForUserAsync(NewId("nobody"), CancellationToken.None).ConfigureAwait(false), Is.Empty);
    }

    /// <summary>Deleting a user's data removes their sessions, frames and markers, keeps every attempt counter, and touches nothing of another user.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeleteUserData_RemovesSessionsFramesAndMarkersOfThatUserOnlyKeepsCounters()
    {
        var user = NewId("user");
        var other = NewId("user");
        var window = TimeSpan.FromHours(1);
        var (start, _) = CurrentWindow(window);
        var mine = new[] { await CreateAsync(NewSession(user)).ConfigureAwait(false), await CreateAsync(NewSession(user)).ConfigureAwait(false) };
        var theirs = await CreateAsync(NewSession(other)).ConfigureAwait(false);
        foreach (var session in mine.Append(theirs))
        {
            await AppendAsync(session, 0).ConfigureAwait(false);
            await AppendAsync(session, 1).ConfigureAwait(false);
            await Store.SaveAnalysisAsync(session.Id, 0, new StoredAnalysis([RichFace(0.2)], null, Now()), CancellationToken.None).ConfigureAwait(false);
        }

        await Store.CompleteSessionAsync(mine[0].Id, new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, 1), Now(), CancellationToken.None).ConfigureAwait(false);
        await Store.TryCountAttemptAsync(UserCounterKey(user), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        await Store.TryCountAttemptAsync(UserCounterKey(other), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        await Store.SetUserMarkerAsync(user, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);
        await Store.SetUserMarkerAsync(other, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);

        await Store.DeleteUserDataAsync(user, CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.GetSessionIdsForUserAsync(user, CancellationToken.None).ConfigureAwait(false), Is.Empty);
        foreach (var session in mine)
        {
            Assert.That(await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Is.Null);
            Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Is.Empty);
        }

        var myCounter = await Store.TryCountAttemptAsync(UserCounterKey(user), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        Assert.That(myCounter, Is.EqualTo(new AttemptCount(false, 1, start + window)), "deleting one's data must not reset one's lockout");
        Assert.That(await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false), Is.False);
        Assert.That(await Store.TryConsumeUserMarkerAsync(other, "step-up", CancellationToken.None).ConfigureAwait(false), Is.True);

        Assert.That(await Store.GetSessionIdsForUserAsync(other, CancellationToken.None).ConfigureAwait(false), Is.EqualTo(new[] { theirs.Id }));
        AssertSameSession(await Store.GetSessionAsync(theirs.Id, CancellationToken.None).ConfigureAwait(false), theirs);
        var theirFrames = await Store.GetFramesAsync(theirs.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(theirFrames, Has.Count.EqualTo(2));
        Assert.That(theirFrames[0].Analysis, Is.Not.Null);
        var theirCounter = await Store.TryCountAttemptAsync(UserCounterKey(other), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        Assert.That(theirCounter.Allowed, Is.False);
    }

    /// <summary>Deleting the data of a user the store does not know is not an error.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeleteUserData_UnknownUser_DoesNothing()
    {
        var other = await CreateAsync().ConfigureAwait(false);

        await Store.DeleteUserDataAsync(NewId("nobody"), CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.GetSessionAsync(other.Id, CancellationToken.None).ConfigureAwait(false), Is.Not.Null);
    }

    /// <summary>After a user's data is deleted, a session id can be created anew (no tombstone left behind).</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeleteUserData_ThenCreateSameSessionId_Succeeds()
    {
        var session = await CreateAsync().ConfigureAwait(false);
        await AppendAsync(session, 0).ConfigureAwait(false);
        await Store.DeleteUserDataAsync(session.UserId, CancellationToken.None).ConfigureAwait(false);

        var created = await Store.TryCreateSessionAsync(session, CancellationToken.None).ConfigureAwait(false);

        Assert.That(created, Is.True);
        var appended = await Store.TryAppendFrameAsync(NewFrame(session, 0), 10, CancellationToken.None).ConfigureAwait(false);
        Assert.That(appended, Is.EqualTo(new FrameAppendResult(FrameAppendStatus.Appended, 0)));
    }

    // ---------------------------------------------------------------- user locks

    /// <summary>A user's lock has one holder at a time; the holder can renew it; after release another can take it.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAcquireUserLock_SecondHolderRefusedUntilReleased()
    {
        var user = NewId("user");
        var until = Now().AddMinutes(1);

        var first = await Store.TryAcquireUserLockAsync(user, "a", until, CancellationToken.None).ConfigureAwait(false);
        var second = await Store.TryAcquireUserLockAsync(user, "b", until, CancellationToken.None).ConfigureAwait(false);
        var renewed = await Store.TryAcquireUserLockAsync(user, "a", until.AddMinutes(1), CancellationToken.None).ConfigureAwait(false);
        var otherUser = await Store.TryAcquireUserLockAsync(NewId("user"), "b", until, CancellationToken.None).ConfigureAwait(false);
        await Store.ReleaseUserLockAsync(user, "b", CancellationToken.None).ConfigureAwait(false);
        var stillHeld = await Store.TryAcquireUserLockAsync(user, "b", until, CancellationToken.None).ConfigureAwait(false);
        await Store.ReleaseUserLockAsync(user, "a", CancellationToken.None).ConfigureAwait(false);
        var afterRelease = await Store.TryAcquireUserLockAsync(user, "b", until, CancellationToken.None).ConfigureAwait(false);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(renewed, Is.True);
        Assert.That(otherUser, Is.True);
        Assert.That(stillHeld, Is.False, "a release by a non-holder does nothing");
        Assert.That(afterRelease, Is.True);
    }

    /// <summary>A lock past its expiry is free: a crashed holder does not block the user for ever.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAcquireUserLock_Expired_FreeForAnotherHolder()
    {
        var user = NewId("user");
        await Store.TryAcquireUserLockAsync(user, "crashed", Now().AddSeconds(-5), CancellationToken.None).ConfigureAwait(false);

        var taken = await Store.TryAcquireUserLockAsync(user, "next", Now().AddMinutes(1), CancellationToken.None).ConfigureAwait(false);

        Assert.That(taken, Is.True);
        Assert.That(await Store.TryAcquireUserLockAsync(user, "crashed", Now().AddMinutes(1), CancellationToken.None).ConfigureAwait(false), Is.False);
    }

    /// <summary>Concurrent holders of one user's lock: exactly one gets it.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAcquireUserLock_20Concurrent_ExactlyOneHolder()
    {
        var user = NewId("user");
        var until = Now().AddMinutes(1);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () => await Store.TryAcquireUserLockAsync(user, "holder" + i, until, CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }

    /// <summary>Deleting a user's data keeps the user's lock (the deletion itself may hold it).</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeleteUserData_KeepsTheUsersLock()
    {
        var user = NewId("user");
        await Store.TryAcquireUserLockAsync(user, "deleter", Now().AddMinutes(1), CancellationToken.None).ConfigureAwait(false);

        await Store.DeleteUserDataAsync(user, CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.TryAcquireUserLockAsync(user, "enrolment", Now().AddMinutes(1), CancellationToken.None).ConfigureAwait(false), Is.False);
    }

    // ---------------------------------------------------------------- user markers

    /// <summary>A marker is consumed once; setting it again makes it consumable again; names and users are independent.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryConsumeUserMarker_ConsumedOncePerSetting()
    {
        var user = NewId("user");
        await Store.SetUserMarkerAsync(user, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);

        var first = await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false);
        var second = await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false);
        var otherName = await Store.TryConsumeUserMarkerAsync(user, "other", CancellationToken.None).ConfigureAwait(false);
        var otherUser = await Store.TryConsumeUserMarkerAsync(NewId("user"), "step-up", CancellationToken.None).ConfigureAwait(false);
        await Store.SetUserMarkerAsync(user, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);
        var again = await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(otherName, Is.False);
        Assert.That(otherUser, Is.False);
        Assert.That(again, Is.True);
    }

    /// <summary>A marker past its expiry cannot be consumed.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryConsumeUserMarker_Lapsed_False()
    {
        var user = NewId("user");
        await Store.SetUserMarkerAsync(user, "step-up", Now().AddSeconds(-5), CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false), Is.False);
    }

    /// <summary>Concurrent consumers of one marker: exactly one succeeds.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryConsumeUserMarker_20Concurrent_ExactlyOneTrue()
    {
        var user = NewId("user");
        await Store.SetUserMarkerAsync(user, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () => await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The current time of <see cref="Clock"/>.</summary>
    /// <returns>Now.</returns>
    protected DateTimeOffset Now() => Clock.GetUtcNow();

    /// <summary>A random id with a readable prefix, unique across test runs.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The id.</returns>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>A new session in state Created with a random id (and a random user unless given), times from <see cref="Clock"/>.</summary>
    /// <param name="userId">The user, or <see langword="null"/> for a random one.</param>
    /// <returns>The session (not stored yet).</returns>
    protected ChallengeSession NewSession(string? userId = null)
    {
        var now = Now();
        using var parameters = JsonDocument.Parse(ParametersJson);
        return new ChallengeSession
        {
            Id = NewId("s"),
            UserId = userId ?? NewId("u"),
            ChallengeType = "nose",
            Parameters = parameters.RootElement.Clone(),
            FrameWidth = 640,
            FrameHeight = 480,
            CreatedAt = now.AddTicks(4321),
            ExpiresAt = now.AddMinutes(2).AddTicks(9876),
            RetainUntil = now.AddDays(1),
        };
    }

    /// <summary>A new frame for <paramref name="session"/> whose content hash is derived from the session and <paramref name="n"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="n">Distinguishes frames of one session.</param>
    /// <returns>The frame (not stored yet).</returns>
    protected FrameRecord NewFrame(ChallengeSession session, int n)
    {
        ArgumentNullException.ThrowIfNull(session);
        var hash = Hash(session.Id + "/" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new FrameRecord
        {
            SessionId = session.Id,
            ReceivedAt = Now().AddMilliseconds(n * 40).AddTicks(77),
            ContentHash = hash,
            StorageKey = FrameKeys.Frame(session.Id, hash, ImageFormat.Jpeg),
            Format = ImageFormat.Jpeg,
            Length = 20_000 + n,
            RetainUntil = session.RetainUntil,
        };
    }

    private async Task<ChallengeSession> CreateAsync(ChallengeSession? session = null)
    {
        session ??= NewSession();
        Assert.That(await Store.TryCreateSessionAsync(session, CancellationToken.None).ConfigureAwait(false), Is.True, "TryCreateSessionAsync of a new id");
        return session;
    }

    private async Task AppendAsync(ChallengeSession session, int n)
    {
        var result = await Store.TryAppendFrameAsync(NewFrame(session, n), 1000, CancellationToken.None).ConfigureAwait(false);
        Assert.That(result.Status, Is.EqualTo(FrameAppendStatus.Appended), "TryAppendFrameAsync of a new frame");
    }

    private (DateTimeOffset Start, DateTimeOffset End) CurrentWindow(TimeSpan window) => CurrentWindow(window, Now());

    private static (DateTimeOffset Start, DateTimeOffset End) CurrentWindow(TimeSpan window, DateTimeOffset now)
    {
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var start = DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (sinceEpoch % window.Ticks));
        return (start, start + window);
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static FaceDetails RichFace(double left) => new()
    {
        BoundingBox = new BoundingBox(0.3125, 0.41666666666666669, left, 0.2),
        Landmarks =
        [
            new Landmark(LandmarkType.EyeLeft, left + 0.1, 0.33),
            new Landmark(LandmarkType.EyeRight, left + 0.2, 0.3300001),
            new Landmark(LandmarkType.Nose, left + 0.15, 0.4),
            new Landmark(LandmarkType.MouthLeft, left + 0.11, 0.5),
            new Landmark(LandmarkType.MouthRight, left + 0.19, 0.5),
        ],
        Pose = new FacePose(-1.5, 12.25, -3.125),
        EyesOpen = new FaceTrait(true, 99.5),
        MouthOpen = new FaceTrait(false, 87.25),
        Smile = new FaceTrait(true, 60.0625),
        Confidence = 99.99,
        Quality = new ImageQuality(71.5, 88.125),
    };

    private static void AssertSameInstant(DateTimeOffset? actual, DateTimeOffset expected)
    {
        Assert.That(actual, Is.Not.Null);
        var difference = (actual!.Value - expected).Duration();
        Assert.That(difference, Is.LessThan(TimeSpan.FromMilliseconds(1)), $"expected {expected:O}, was {actual:O}");
    }

    private static void AssertSameSession(ChallengeSession? actual, ChallengeSession expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.That(actual!.Id, Is.EqualTo(expected.Id));
        Assert.That(actual.UserId, Is.EqualTo(expected.UserId));
        Assert.That(actual.ChallengeType, Is.EqualTo(expected.ChallengeType));
        Assert.That(actual.Parameters.GetRawText(), Is.EqualTo(expected.Parameters.GetRawText()));
        Assert.That(actual.FrameWidth, Is.EqualTo(expected.FrameWidth));
        Assert.That(actual.FrameHeight, Is.EqualTo(expected.FrameHeight));
        AssertSameInstant(actual.CreatedAt, expected.CreatedAt);
        AssertSameInstant(actual.ExpiresAt, expected.ExpiresAt);
        AssertSameInstant(actual.RetainUntil, expected.RetainUntil);
    }

    private static void AssertSameAnalysis(StoredAnalysis? actual, StoredAnalysis expected)
    {
        Assert.That(actual, Is.Not.Null);
        Assert.That(actual!.Rejection, Is.EqualTo(expected.Rejection));
        AssertSameInstant(actual.AnalyzedAt, expected.AnalyzedAt);
        Assert.That(actual.Faces, Has.Count.EqualTo(expected.Faces.Count));
        for (var i = 0; i < expected.Faces.Count; i++)
        {
            var a = actual.Faces[i];
            var e = expected.Faces[i];
            Assert.That(a.BoundingBox, Is.EqualTo(e.BoundingBox), $"face {i} BoundingBox");
            Assert.That(a.Landmarks, Is.EqualTo(e.Landmarks), $"face {i} Landmarks");
            Assert.That(a.Pose, Is.EqualTo(e.Pose), $"face {i} Pose");
            Assert.That(a.EyesOpen, Is.EqualTo(e.EyesOpen), $"face {i} EyesOpen");
            Assert.That(a.MouthOpen, Is.EqualTo(e.MouthOpen), $"face {i} MouthOpen");
            Assert.That(a.Smile, Is.EqualTo(e.Smile), $"face {i} Smile");
            Assert.That(a.Confidence, Is.EqualTo(e.Confidence), $"face {i} Confidence");
            Assert.That(a.Quality, Is.EqualTo(e.Quality), $"face {i} Quality");
        }
    }
}
