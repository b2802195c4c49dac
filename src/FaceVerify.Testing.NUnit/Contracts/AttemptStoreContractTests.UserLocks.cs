using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The user locks part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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

        var results = await ConcurrentlyAsync(20, i => Store.TryAcquireUserLockAsync(user, "holder" + i, until, CancellationToken.None)).ConfigureAwait(false);

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
}
