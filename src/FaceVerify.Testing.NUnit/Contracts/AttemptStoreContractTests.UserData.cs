using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The user data part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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
        await Store.TryCountAttemptAsync(CounterKeyOf(user), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        await Store.TryCountAttemptAsync(CounterKeyOf(other), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        await Store.SetUserMarkerAsync(user, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);
        await Store.SetUserMarkerAsync(other, "step-up", Now().AddMinutes(5), CancellationToken.None).ConfigureAwait(false);

        await Store.DeleteUserDataAsync(user, CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.GetSessionIdsForUserAsync(user, CancellationToken.None).ConfigureAwait(false), Is.Empty);
        foreach (var session in mine)
        {
            Assert.That(await Store.GetSessionAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Is.Null);
            Assert.That(await Store.GetFramesAsync(session.Id, CancellationToken.None).ConfigureAwait(false), Is.Empty);
        }

        var myCounter = await Store.TryCountAttemptAsync(CounterKeyOf(user), start, window, 1, CancellationToken.None).ConfigureAwait(false);
        Assert.That(myCounter, Is.EqualTo(new AttemptCount(false, 1, start + window)), "deleting one's data must not reset one's lockout");
        Assert.That(await Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None).ConfigureAwait(false), Is.False);
        Assert.That(await Store.TryConsumeUserMarkerAsync(other, "step-up", CancellationToken.None).ConfigureAwait(false), Is.True);

        Assert.That(await Store.GetSessionIdsForUserAsync(other, CancellationToken.None).ConfigureAwait(false), Is.EqualTo(new[] { theirs.Id }));
        AssertSameSession(await Store.GetSessionAsync(theirs.Id, CancellationToken.None).ConfigureAwait(false), theirs);
        var theirFrames = await Store.GetFramesAsync(theirs.Id, CancellationToken.None).ConfigureAwait(false);
        Assert.That(theirFrames, Has.Count.EqualTo(2));
        Assert.That(theirFrames[0].Analysis, Is.Not.Null);
        var theirCounter = await Store.TryCountAttemptAsync(CounterKeyOf(other), start, window, 1, CancellationToken.None).ConfigureAwait(false);
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
}
