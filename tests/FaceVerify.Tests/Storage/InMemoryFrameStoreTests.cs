using FaceVerify.Testing;

namespace FaceVerify.Tests.Storage;

public class InMemoryFrameStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly InMemoryFrameStore _store;

    public InMemoryFrameStoreTests() => _store = new InMemoryFrameStore(_time);

    private DateTimeOffset Now => _time.GetUtcNow();

    [Test]
    public async Task Get_PastRetainUntil_ReturnsNull()
    {
        await _store.PutAsync("sessions/s1/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddMinutes(5), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        (await _store.GetAsync("sessions/s1/a.jpg", CancellationToken.None)).Should().Equal(1);

        _time.Advance(TimeSpan.FromTicks(1));

        (await _store.GetAsync("sessions/s1/a.jpg", CancellationToken.None)).Should().BeNull();
    }

    [Test]
    public async Task DeletePrefix_ExpiredObjects_AreNotCounted()
    {
        await _store.PutAsync("sessions/s1/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddMinutes(1), CancellationToken.None);
        await _store.PutAsync("sessions/s1/b.jpg", new byte[] { 2 }, "image/jpeg", Now.AddDays(1), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(1));

        (await _store.DeletePrefixAsync("sessions/s1/", CancellationToken.None)).Should().Be(1);
        _store.CountIncludingExpired.Should().Be(0);
    }

    [Test]
    public async Task Put_AfterSweepInterval_RemovesExpiredObjectsFromMemory()
    {
        await _store.PutAsync("sessions/s1/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddSeconds(30), CancellationToken.None);
        await _store.PutAsync("sessions/s2/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddDays(1), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        await _store.PutAsync("sessions/s3/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddDays(1), CancellationToken.None);

        _store.CountIncludingExpired.Should().Be(2);
    }

    [TestCase("sessions/s1")]
    [TestCase("")]
    public async Task DeletePrefix_WithoutTrailingSlash_ThrowsArgumentException(string prefix)
    {
        await _store.Invoking(s => s.DeletePrefixAsync(prefix, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentException>();
    }
}
