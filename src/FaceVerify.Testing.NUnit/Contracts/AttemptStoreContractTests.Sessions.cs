using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The sessions part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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
}
