using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The user markers part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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

        var results = await ConcurrentlyAsync(20, _ => Store.TryConsumeUserMarkerAsync(user, "step-up", CancellationToken.None)).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }
}
