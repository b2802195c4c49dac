using System.Collections.Concurrent;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <content>The attempt counters part of the contract.</content>
public abstract partial class AttemptStoreContractTests
{
    /// <summary>N attempts are allowed in a window, the next is refused with the window's end.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_LimitInWindow_AllowsLimitThenRefuses()
    {
        var key = NewId("counter-limit");
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

        var result = await Store.TryCountAttemptAsync(NewId("counter-align"), now, window, 5, CancellationToken.None).ConfigureAwait(false);

        Assert.That(result.WindowEndsAt, Is.EqualTo(CurrentWindow(window, now).End));
        Assert.That(result.WindowEndsAt, Is.GreaterThan(now));
        Assert.That(result.WindowEndsAt - window, Is.LessThanOrEqualTo(now));
    }

    /// <summary>When the window ends, counting starts again.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task TryCountAttempt_NextWindow_AllowedAgain()
    {
        var key = NewId("counter-next");
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
        var a = NewId("counter-a");
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
        var key = NewId("counter-concurrent");
        var window = TimeSpan.FromHours(1);
        var (start, end) = CurrentWindow(window);

        var results = await ConcurrentlyAsync(40, _ => Store.TryCountAttemptAsync(key, start, window, 10, CancellationToken.None)).ConfigureAwait(false);

        var allowed = results.Where(r => r.Allowed).ToArray();
        Assert.That(allowed, Has.Length.EqualTo(10));
        Assert.That(allowed.Select(r => r.Count).Order(), Is.EqualTo(Enumerable.Range(1, 10)));
        Assert.That(results.Select(r => r.WindowEndsAt), Is.All.EqualTo(end));
    }
}
