using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The completion part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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

        var results = await ConcurrentlyAsync(100, i => Store.CompleteSessionAsync(
            session.Id,
            new SessionOutcome(statuses[i % 3], (ChallengeReason)(i % 23), i % 7, "attempt " + i),
            start.AddMilliseconds(i),
            CancellationToken.None)).ConfigureAwait(false);

        Assert.That(results, Is.All.Not.Null);
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.IsFinal, Is.True);
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
        var stored = await StoredAsync(session.Id).ConfigureAwait(false);
        Assert.That(stored.Outcome, Is.EqualTo(outcome));
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
}
