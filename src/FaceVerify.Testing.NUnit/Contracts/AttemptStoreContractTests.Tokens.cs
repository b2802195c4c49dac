using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The token redemption part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
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

        var results = await ConcurrentlyAsync(50, _ => Store.TryRedeemTokenAsync(tokenId, retainUntil, CancellationToken.None)).ConfigureAwait(false);

        Assert.That(results.Count(r => r), Is.EqualTo(1));
    }
}
