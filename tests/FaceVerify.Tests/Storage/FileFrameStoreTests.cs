using FaceVerify.Testing;

namespace FaceVerify.Tests.Storage;

public class FileFrameStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private string _root = null!;
    private FileFrameStore _store = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "faceverify-tests", Guid.NewGuid().ToString("N"));
        _store = new FileFrameStore(_root, _time);
    }

    [TearDown]
    public void TearDown() => Directory.Delete(_root, recursive: true);

    private DateTimeOffset Now => _time.GetUtcNow();

    [TestCase("../escape.jpg")]
    [TestCase("sessions/../../escape.jpg")]
    [TestCase("sessions/s1/../../../etc/passwd")]
    [TestCase("sessions/./a.jpg")]
    [TestCase("/etc/passwd")]
    [TestCase("sessions\\s1\\a.jpg")]
    [TestCase("..\\escape.jpg")]
    [TestCase("sessions//a.jpg")]
    [TestCase("sessions/s1/")]
    [TestCase("sessions/.hidden/a.jpg")]
    [TestCase(".staging/x.tmp")]
    [TestCase("sessions/s1/a\0.jpg")]
    [TestCase("C:/windows/a.jpg")]
    [TestCase("")]
    public async Task EveryOperation_UnsafeKey_ThrowsArgumentException(string key)
    {
        await _store.Invoking(s => s.PutAsync(key, new byte[] { 1 }, "image/jpeg", Now.AddDays(1), CancellationToken.None).AsTask())
            .Should().ThrowAsync<ArgumentException>();
        await _store.Invoking(s => s.GetAsync(key, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentException>();
        await _store.Invoking(s => s.DeleteAsync(key, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentException>();
        Directory.EnumerateFiles(Path.GetDirectoryName(_root)!, "*", SearchOption.TopDirectoryOnly).Should().NotContain(f => f.EndsWith("escape.jpg", StringComparison.Ordinal));
    }

    [TestCase("../")]
    [TestCase("sessions/../../")]
    [TestCase("/")]
    [TestCase("sessions/s1")]
    [TestCase("")]
    public async Task DeletePrefix_UnsafeOrUnterminatedPrefix_ThrowsArgumentException(string prefix)
    {
        await _store.Invoking(s => s.DeletePrefixAsync(prefix, CancellationToken.None).AsTask()).Should().ThrowAsync<ArgumentException>();
    }

    [Test]
    public async Task Put_FrameKey_WritesFileUnderRootAndLeavesNoTemporaryFile()
    {
        var key = FrameKeys.Frame("s1", new string('a', 64), ImageFormat.Jpeg);

        await _store.PutAsync(key, new byte[] { 1, 2, 3 }, "image/jpeg", Now.AddDays(1), CancellationToken.None);

        File.ReadAllBytes(Path.Combine(_root, "sessions", "s1", new string('a', 64) + ".jpg")).Should().Equal(1, 2, 3);
        Directory.EnumerateFiles(Path.Combine(_root, ".staging")).Should().BeEmpty();
    }

    [Test]
    public async Task Put_SetsLastWriteTimeToRetainUntil()
    {
        var retainUntil = Now.AddHours(3);

        await _store.PutAsync("sessions/s1/a.jpg", new byte[] { 1 }, "image/jpeg", retainUntil, CancellationToken.None);

        File.GetLastWriteTimeUtc(Path.Combine(_root, "sessions", "s1", "a.jpg")).Should().BeCloseTo(retainUntil.UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Test]
    public async Task Get_PastRetainUntil_ReturnsNullAndDeletesFile()
    {
        await _store.PutAsync("sessions/s1/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddMinutes(5), CancellationToken.None);
        (await _store.GetAsync("sessions/s1/a.jpg", CancellationToken.None)).Should().NotBeNull();

        _time.Advance(TimeSpan.FromMinutes(5));

        (await _store.GetAsync("sessions/s1/a.jpg", CancellationToken.None)).Should().BeNull();
        File.Exists(Path.Combine(_root, "sessions", "s1", "a.jpg")).Should().BeFalse();
    }

    [Test]
    public async Task DeletePrefix_ExpiredObjects_DeletesButDoesNotCountThem()
    {
        await _store.PutAsync("sessions/s1/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddMinutes(1), CancellationToken.None);
        await _store.PutAsync("sessions/s1/b.jpg", new byte[] { 2 }, "image/jpeg", Now.AddDays(1), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(2));

        var deleted = await _store.DeletePrefixAsync("sessions/s1/", CancellationToken.None);

        deleted.Should().Be(1);
        Directory.Exists(Path.Combine(_root, "sessions", "s1")).Should().BeFalse();
    }

    [Test]
    public async Task Put_AfterSweepInterval_SweepsExpiredFilesOfOtherKeys()
    {
        await _store.PutAsync("sessions/old/a.jpg", new byte[] { 1 }, "image/jpeg", Now.AddMinutes(1), CancellationToken.None);
        await _store.PutAsync("enrolments/u1/reference.jpg", new byte[] { 2 }, "image/jpeg", Now.AddDays(30), CancellationToken.None);
        _time.Advance(FileFrameStore.SweepInterval);

        await _store.PutAsync("sessions/new/b.jpg", new byte[] { 3 }, "image/jpeg", Now.AddDays(1), CancellationToken.None);

        Directory.Exists(Path.Combine(_root, "sessions", "old")).Should().BeFalse();
        File.Exists(Path.Combine(_root, "enrolments", "u1", "reference.jpg")).Should().BeTrue();
        File.Exists(Path.Combine(_root, "sessions", "new", "b.jpg")).Should().BeTrue();
    }

    [Test]
    public void SweepExpired_DeletesOnlyExpiredFiles()
    {
        Directory.CreateDirectory(Path.Combine(_root, "sessions", "x"));
        var expired = Path.Combine(_root, "sessions", "x", "old.jpg");
        var live = Path.Combine(_root, "sessions", "x", "new.jpg");
        File.WriteAllBytes(expired, [1]);
        File.WriteAllBytes(live, [2]);
        File.SetLastWriteTimeUtc(expired, Now.AddSeconds(-1).UtcDateTime);
        File.SetLastWriteTimeUtc(live, Now.AddSeconds(1).UtcDateTime);

        var deleted = _store.SweepExpired();

        deleted.Should().Be(1);
        File.Exists(expired).Should().BeFalse();
        File.Exists(live).Should().BeTrue();
    }

    [Test]
    public async Task Put_ConcurrentWritersOfOneKey_ReadersSeeOneWholeObject()
    {
        var contents = Enumerable.Range(1, 8).Select(i => Enumerable.Repeat((byte)i, 64 * 1024).ToArray()).ToArray();

        var writers = contents.Select(c => Task.Run(async () => await _store.PutAsync("sessions/s1/a.jpg", c, "image/jpeg", Now.AddDays(1), CancellationToken.None)));
        var readers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () => await _store.GetAsync("sessions/s1/a.jpg", CancellationToken.None)));
        await Task.WhenAll(writers);
        var reads = await Task.WhenAll(readers);

        foreach (var read in reads.Where(r => r is not null).Append(await _store.GetAsync("sessions/s1/a.jpg", CancellationToken.None)))
        {
            read.Should().HaveCount(64 * 1024);
            read!.Distinct().Should().ContainSingle("a read never mixes two writes");
        }
    }

    [Test]
    public void Constructor_CreatesRootDirectory()
    {
        var root = Path.Combine(_root, "nested", "root");

        var store = new FileFrameStore(root, _time);

        Directory.Exists(root).Should().BeTrue();
        store.RootPath.Should().Be(Path.GetFullPath(root));
    }
}
