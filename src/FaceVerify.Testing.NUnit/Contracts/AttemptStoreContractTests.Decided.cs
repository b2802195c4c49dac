using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The decided flag part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.DecidedAtFrame, Is.Zero);
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

        var results = await ConcurrentlyAsync(20, i => Store.TryMarkDecidedAsync(session.Id, i, CancellationToken.None)).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.DecidedAtFrame, Is.EqualTo(Array.IndexOf(results, true)));
    }

    /// <summary>A session without frames (Created) cannot be decided.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryMarkDecided_OnCreated_ReturnsFalse()
    {
        var session = await CreateAsync().ConfigureAwait(false);

        var marked = await Store.TryMarkDecidedAsync(session.Id, 0, CancellationToken.None).ConfigureAwait(false);

        Assert.That(marked, Is.False);
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.DecidedAtFrame, Is.Null);
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
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.DecidedAtFrame, Is.Null);
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
}
