using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using NUnit.Framework;

namespace FaceVerify.Testing;

/// <summary>
/// The behaviour every <see cref="IFrameStore"/> must have, as NUnit tests. Inherit and implement
/// <see cref="StoreContractTests{TStore}.CreateStoreAsync"/>:
/// <code>
/// [TestFixture]
/// public sealed class MyFrameStoreTests : FrameStoreContractTests
/// {
///     protected override ValueTask&lt;IFrameStore&gt; CreateStoreAsync() => ValueTask.FromResult&lt;IFrameStore&gt;(new MyFrameStore(...));
/// }
/// </code>
/// Every test uses keys under fresh random session ids and user ids (built with <see cref="FrameKeys"/>), so one
/// bucket or directory can be shared by all tests. Retention times lie one day after <see cref="StoreContractTests{TStore}.Clock"/>'s now.
/// </summary>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names follow Method_Scenario_Expectation.")]
public abstract class FrameStoreContractTests : StoreContractTests<IFrameStore>
{
    /// <summary>Stored bytes read back unchanged.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task PutThenGet_FrameKey_ReturnsTheBytes()
    {
        var content = RandomBytes(50_000);
        var key = NewFrameKey(content, ImageFormat.Jpeg);

        await Store.PutAsync(key, content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        var read = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(read, Is.EqualTo(content));
    }

    /// <summary>Every byte value survives, including zeros and bytes that are not valid text.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task PutThenGet_AllByteValues_RoundTrip()
    {
        var content = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Enumerable.Range(0, 256).Select(i => (byte)(255 - i))).ToArray();
        var key = NewFrameKey(content, ImageFormat.Png);

        await Store.PutAsync(key, content, "image/png", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        var read = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(read, Is.EqualTo(content));
    }

    /// <summary>An empty object is stored and read back as empty, not as missing.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task PutThenGet_EmptyContent_ReturnsEmptyNotNull()
    {
        var key = NewFrameKey([1], ImageFormat.Jpeg);

        await Store.PutAsync(key, ReadOnlyMemory<byte>.Empty, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        var read = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(read, Is.Not.Null);
        Assert.That(read, Is.Empty);
    }

    /// <summary>A slice of a larger buffer stores only the slice.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task Put_SliceOfBuffer_StoresOnlyTheSlice()
    {
        var buffer = RandomBytes(1000);
        var slice = buffer.AsMemory(100, 300);
        var key = NewFrameKey(buffer, ImageFormat.Jpeg);

        await Store.PutAsync(key, slice, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        var read = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(read, Is.EqualTo(slice.ToArray()));
    }

    /// <summary>Changing the caller's buffer or the returned array afterwards does not change the stored object.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task PutThenGet_CallerMutatesBuffers_StoredObjectUnchanged()
    {
        var content = RandomBytes(64);
        var original = content.ToArray();
        var key = NewFrameKey(content, ImageFormat.Jpeg);

        await Store.PutAsync(key, content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        content[0] ^= 0xFF;
        var first = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);
        first![1] ^= 0xFF;
        var second = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(second, Is.EqualTo(original));
    }

    /// <summary>Putting a key again replaces the object.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task Put_ExistingKey_Overwrites()
    {
        var key = NewFrameKey(RandomBytes(8), ImageFormat.Jpeg);
        var first = RandomBytes(3000);
        var second = RandomBytes(1000);

        await Store.PutAsync(key, first, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        await Store.PutAsync(key, second, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        var read = await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(read, Is.EqualTo(second));
    }

    /// <summary>Reading a key that was never stored returns null.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task Get_Missing_ReturnsNull()
    {
        var read = await Store.GetAsync(NewFrameKey(RandomBytes(8), ImageFormat.Jpeg), CancellationToken.None).ConfigureAwait(false);

        Assert.That(read, Is.Null);
    }

    /// <summary>A deleted object is gone.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task Delete_Existing_RemovesIt()
    {
        var content = RandomBytes(100);
        var key = NewFrameKey(content, ImageFormat.Jpeg);
        await Store.PutAsync(key, content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);

        await Store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false), Is.Null);
    }

    /// <summary>Deleting a missing object is not an error, and deleting twice neither.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task Delete_Missing_DoesNotThrow()
    {
        var key = NewFrameKey(RandomBytes(8), ImageFormat.Jpeg);

        await Store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        await Store.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false), Is.Null);
    }

    /// <summary>
    /// Deleting a session prefix removes that session's objects and returns their count, and leaves alone a session
    /// whose id merely starts with the same characters, and an enrolment.
    /// </summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeletePrefix_SessionPrefix_RemovesOnlyThatPrefixAndReturnsCount()
    {
        var sessionId = NewId("s");
        var lookalike = sessionId + "x";
        var userId = NewId("u");
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var content = RandomBytes(200);
            var key = FrameKeys.Frame(sessionId, HashOf(content), i % 2 == 0 ? ImageFormat.Jpeg : ImageFormat.Png);
            mine.Add(key);
            await Store.PutAsync(key, content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        }

        var otherContent = RandomBytes(200);
        var other = FrameKeys.Frame(lookalike, HashOf(otherContent), ImageFormat.Jpeg);
        await Store.PutAsync(other, otherContent, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        var enrolmentContent = RandomBytes(200);
        var enrolment = FrameKeys.Enrolment(userId, ImageFormat.Jpeg);
        await Store.PutAsync(enrolment, enrolmentContent, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);

        var deleted = await Store.DeletePrefixAsync(FrameKeys.SessionPrefix(sessionId), CancellationToken.None).ConfigureAwait(false);

        Assert.That(deleted, Is.EqualTo(5));
        foreach (var key in mine)
        {
            Assert.That(await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false), Is.Null, key);
        }

        Assert.That(await Store.GetAsync(other, CancellationToken.None).ConfigureAwait(false), Is.EqualTo(otherContent));
        Assert.That(await Store.GetAsync(enrolment, CancellationToken.None).ConfigureAwait(false), Is.EqualTo(enrolmentContent));
    }

    /// <summary>Deleting a user's enrolment prefix removes their reference image only.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeletePrefix_EnrolmentPrefix_RemovesThatUsersReferenceOnly()
    {
        var user = NewId("u");
        var other = NewId("u");
        var content = RandomBytes(300);
        await Store.PutAsync(FrameKeys.Enrolment(user, ImageFormat.Jpeg), content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        await Store.PutAsync(FrameKeys.Enrolment(other, ImageFormat.Png), content, "image/png", RetainUntil(), CancellationToken.None).ConfigureAwait(false);

        var deleted = await Store.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(user), CancellationToken.None).ConfigureAwait(false);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await Store.GetAsync(FrameKeys.Enrolment(user, ImageFormat.Jpeg), CancellationToken.None).ConfigureAwait(false), Is.Null);
        Assert.That(await Store.GetAsync(FrameKeys.Enrolment(other, ImageFormat.Png), CancellationToken.None).ConfigureAwait(false), Is.EqualTo(content));
    }

    /// <summary>Deleting a prefix nothing is stored under returns 0.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeletePrefix_Empty_ReturnsZero()
    {
        var deleted = await Store.DeletePrefixAsync(FrameKeys.SessionPrefix(NewId("s")), CancellationToken.None).ConfigureAwait(false);

        Assert.That(deleted, Is.Zero);
    }

    /// <summary>Objects can be stored under a prefix again after it was deleted.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task DeletePrefix_ThenPutAgain_Stores()
    {
        var sessionId = NewId("s");
        var content = RandomBytes(10);
        var key = FrameKeys.Frame(sessionId, HashOf(content), ImageFormat.Jpeg);
        await Store.PutAsync(key, content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);
        await Store.DeletePrefixAsync(FrameKeys.SessionPrefix(sessionId), CancellationToken.None).ConfigureAwait(false);

        await Store.PutAsync(key, content, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false);

        Assert.That(await Store.GetAsync(key, CancellationToken.None).ConfigureAwait(false), Is.EqualTo(content));
    }

    /// <summary>Concurrent puts of different keys are all stored.</summary>
    /// <returns>The test.</returns>
    [Test]
    public async Task Put_20Concurrent_AllStored()
    {
        var sessionId = NewId("s");
        var contents = Enumerable.Range(0, 20).Select(_ => RandomBytes(2000)).ToArray();

        await Task.WhenAll(contents.Select(c => Task.Run(async () =>
            await Store.PutAsync(FrameKeys.Frame(sessionId, HashOf(c), ImageFormat.Jpeg), c, "image/jpeg", RetainUntil(), CancellationToken.None).ConfigureAwait(false)))).ConfigureAwait(false);

        foreach (var content in contents)
        {
            Assert.That(await Store.GetAsync(FrameKeys.Frame(sessionId, HashOf(content), ImageFormat.Jpeg), CancellationToken.None).ConfigureAwait(false), Is.EqualTo(content));
        }

        Assert.That(await Store.DeletePrefixAsync(FrameKeys.SessionPrefix(sessionId), CancellationToken.None).ConfigureAwait(false), Is.EqualTo(20));
    }

    /// <summary>A retention time one day after <see cref="StoreContractTests{TStore}.Clock"/>'s now.</summary>
    /// <returns>The retention time.</returns>
    protected DateTimeOffset RetainUntil() => Clock.GetUtcNow().AddDays(1);

    /// <summary>A random id with a readable prefix.</summary>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The id.</returns>
    protected static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Random bytes.</summary>
    /// <param name="length">How many.</param>
    /// <returns>The bytes.</returns>
    protected static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    /// <summary>A frame key under a fresh random session id.</summary>
    /// <param name="content">The bytes whose hash names the key.</param>
    /// <param name="format">The encoding.</param>
    /// <returns>The key.</returns>
    protected static string NewFrameKey(byte[] content, ImageFormat format) => FrameKeys.Frame(NewId("s"), HashOf(content), format);

    private static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
