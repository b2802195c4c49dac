using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The frames part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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
            var stored = await StoredAsync(session.Id).ConfigureAwait(false);
            Assert.That(stored.Status, Is.EqualTo(SessionStatus.Collecting));
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
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.FrameCount, Is.EqualTo(2));
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
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.FrameCount, Is.EqualTo(3));
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
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.FrameCount, Is.EqualTo(1));
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

        var results = await ConcurrentlyAsync(count, i => Store.TryAppendFrameAsync(frames[i], 1000, CancellationToken.None)).ConfigureAwait(false);

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
        var session2 = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(session2.FrameCount, Is.EqualTo(count));
    }

    /// <summary>30 concurrent appends to a session limited to 20 frames append exactly 20.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryAppendFrame_30ConcurrentWithMax20_AppendsExactly20()
    {
        var session = await CreateAsync().ConfigureAwait(false);

        var results = await ConcurrentlyAsync(30, i => Store.TryAppendFrameAsync(NewFrame(session, i), 20, CancellationToken.None)).ConfigureAwait(false);

        var appended = results.Where(r => r.Status == FrameAppendStatus.Appended).ToArray();
        Assert.That(appended, Has.Length.EqualTo(20));
        Assert.That(appended.Select(r => r.Sequence).Order(), Is.EqualTo(Enumerable.Range(0, 20)));
        Assert.That(results.Where(r => r.Status != FrameAppendStatus.Appended).Select(r => r.Status), Is.All.EqualTo(FrameAppendStatus.TooManyFrames));
        Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Has.Count.EqualTo(20));
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.FrameCount, Is.EqualTo(20));
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
}
