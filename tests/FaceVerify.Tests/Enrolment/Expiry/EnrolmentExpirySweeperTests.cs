using FaceVerify.Testing;
using FaceVerify.Tests.Login;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FaceVerify.Tests.Enrolment.Expiry;

/// <summary>
/// Enrolments end with <see cref="FaceVerificationOptions.EnrolmentRetention"/>: face login refuses an expired
/// reference at once (before any sweep), and the sweeper deletes the face from the collection by its stored id, once,
/// however many sweepers run.
/// </summary>
public sealed class EnrolmentExpirySweeperTests
{
    private const int PhotoVariants = 900;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Test]
    public async Task LoginAsync_EnrolmentPastRetentionNotSweptYet_NotEnrolledWithoutComparing()
    {
        using var f = Fixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        f.Time.Advance(Retention + TimeSpan.FromSeconds(1));
        var (sessionId, verified) = await f.RunSessionAsync("alice", firstVariant: 600);
        verified.Succeeded.Should().BeTrue(verified.Detail);
        var comparisons = f.Comparer.Calls;

        var login = await f.Login.LoginAsync("alice", sessionId, default);

        login.Reason.Should().Be(FaceLoginReason.NotEnrolled);
        f.Comparer.Calls.Should().Be(comparisons, "an expired reference is never compared with");
    }

    [Test]
    public async Task LoginAsync_EnrolmentJustBeforeRetentionEnds_StillLogsIn()
    {
        using var f = Fixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        f.Time.Advance(Retention - TimeSpan.FromMinutes(10));
        var (sessionId, _) = await f.RunSessionAsync("alice", firstVariant: 600);

        (await f.Login.LoginAsync("alice", sessionId, default)).Succeeded.Should().BeTrue();
        (await Sweeper(f).SweepAsync(default)).Should().Be(0);
        f.Collection.FaceCount("alice").Should().Be(1);
    }

    [Test]
    public async Task SweepAsync_EnrolmentPastRetention_DeletesTheFaceByIdAndThePhotoAndTellsObservers()
    {
        using var f = Fixture(b => b.AddEnrolmentObserver<RecordingObserver>());
        var enrolled = await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants));
        (await f.EnrolAsync("bob", TestFrames.Jpeg(640, 640, PhotoVariants + 1), sessionVariant: 520)).Succeeded.Should().BeTrue();
        f.Time.Advance(TimeSpan.FromDays(1));
        (await f.EnrolAsync("carol", TestFrames.Jpeg(640, 640, PhotoVariants + 2), sessionVariant: 540)).Succeeded.Should().BeTrue();
        f.Time.Advance(Retention - TimeSpan.FromHours(12));

        var ended = await Sweeper(f).SweepAsync(default);

        ended.Should().Be(2, "alice's and bob's enrolments are over, carol's has half a day left");
        f.Collection.FaceCount("alice").Should().Be(0);
        f.Collection.FaceCount("bob").Should().Be(0);
        f.Collection.FaceCount("carol").Should().Be(1);
        f.Collection.DeleteUserFacesCalls.Should().Be(0, "faces are deleted by their stored id, without listing the collection");
        (await f.Frames.GetAsync(FrameKeys.Enrolment("carol", ImageFormat.Jpeg), default)).Should().NotBeNull();
        var index = (IEnrolmentExpiryIndex)f.Attempts;
        (await index.GetExpiredEnrolmentsAsync(f.Time.GetUtcNow(), 10, default)).Should().BeEmpty("handled entries are removed");
        (await Sweeper(f).SweepAsync(default)).Should().Be(0);
        var changes = f.Services.GetServices<IEnrolmentObserver>().OfType<RecordingObserver>().Single().Changes;
        changes.Where(c => c.Kind == EnrolmentChangeKind.Expired).Select(c => (c.UserId, c.FaceId)).Should().BeEquivalentTo([("alice", enrolled.FaceId), ("bob", (string?)changes.Single(c => c.UserId == "bob" && c.Kind == EnrolmentChangeKind.Enrolled).FaceId)]);
    }

    [Test]
    public async Task SweepAsync_EntryOfAReplacedEnrolment_LeavesTheCurrentReferenceAlone()
    {
        using var f = Fixture(b => b.AddEnrolmentApproval<AlwaysApprove>());
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        f.Time.Advance(TimeSpan.FromDays(10));
        var replaced = await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants + 1), sessionVariant: 520);
        replaced.Replaced.Should().BeTrue(replaced.Detail);
        f.Time.Advance(Retention - TimeSpan.FromDays(5)); // the first enrolment's entry is due, the replacement has 5 days left

        (await Sweeper(f).SweepAsync(default)).Should().Be(0);

        f.Collection.FaceCount("alice").Should().Be(1);
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().NotBeNull();
        var (sessionId, _) = await f.RunSessionAsync("alice", firstVariant: 600);
        (await f.Login.LoginAsync("alice", sessionId, default)).Succeeded.Should().BeTrue();

        f.Time.Advance(TimeSpan.FromDays(5));
        (await Sweeper(f).SweepAsync(default)).Should().Be(1);
        f.Collection.FaceCount("alice").Should().Be(0);
    }

    [Test]
    public async Task SweepAsync_TwoSweepersRaceOnOneStore_EachFaceDeletedOnce()
    {
        var counting = new CountingCollection();
        using var f = Fixture(b => b.UseFaceCollection(counting));
        var users = Enumerable.Range(0, 12).Select(i => "user-" + i).ToArray();
        for (var i = 0; i < users.Length; i++)
        {
            (await f.EnrolAsync(users[i], TestFrames.Jpeg(640, 640, PhotoVariants + i), sessionVariant: 500 + (20 * i))).Succeeded.Should().BeTrue();
        }

        f.Time.Advance(Retention + TimeSpan.FromMinutes(1));
        var a = Sweeper(f);
        var b = Sweeper(f);

        var ended = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () => await (i % 2 == 0 ? a : b).SweepAsync(default))));
        var again = await a.SweepAsync(default) + await b.SweepAsync(default);

        (ended.Sum() + again).Should().Be(users.Length);
        counting.DeletionsPerFace.Values.Should().OnlyContain(n => n == 1, "every face is deleted by exactly one sweeper");
        counting.DeletionsPerFace.Should().HaveCount(users.Length);
        users.Should().OnlyContain(u => counting.Inner.FaceCount(u) == 0);
    }

    [Test]
    public async Task DeleteUserDataAsync_RemovesTheUsersEntries()
    {
        using var f = Fixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        (await f.EnrolAsync("bob", TestFrames.Jpeg(640, 640, PhotoVariants + 1), sessionVariant: 520)).Succeeded.Should().BeTrue();

        await f.Enrolment.DeleteUserDataAsync("alice", default);

        var index = (IEnrolmentExpiryIndex)f.Attempts;
        (await index.GetExpiredEnrolmentsAsync(f.Time.GetUtcNow() + Retention, 10, default)).Select(e => e.UserId).Should().Equal("bob");
    }

    [Test]
    public async Task HostedService_RunsTheSweepEveryInterval()
    {
        using var f = Fixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        f.Time.Advance(Retention + TimeSpan.FromMinutes(1));
        var service = f.Services.GetServices<IHostedService>().OfType<EnrolmentExpiryHostedService>().Single();
        await service.StartAsync(default);
        try
        {
            // The service creates its timer on a background thread (BackgroundService): keep moving the clock one interval at a time.
            for (var i = 0; i < 1000 && f.Collection.FaceCount("alice") > 0; i++)
            {
                f.Time.Advance(TimeSpan.FromHours(1));
                await Task.Delay(10);
            }

            f.Collection.FaceCount("alice").Should().Be(0);
        }
        finally
        {
            await service.StopAsync(default);
        }
    }

    private static FaceServicesFixture Fixture(Action<IFaceVerificationBuilder>? build = null)
        => new(_ => [Face.At(0.3, 0.2, 0.4, 0.5).Build()], o => o.EnrolmentRetention = Retention, build);

    private static IEnrolmentExpirySweeper Sweeper(FaceServicesFixture f)
        => (IEnrolmentExpirySweeper)ActivatorUtilities.CreateInstance(f.Services, f.Services.GetRequiredService<IEnrolmentExpirySweeper>().GetType());

    private sealed class AlwaysApprove : IEnrolmentApproval
    {
        public ValueTask<bool> ApproveReplacementAsync(EnrolmentApprovalArguments arguments, CancellationToken cancellationToken) => ValueTask.FromResult(true);
    }

    private sealed class RecordingObserver : IEnrolmentObserver
    {
        public List<EnrolmentChange> Changes { get; } = [];

        public ValueTask OnEnrolmentChangedAsync(EnrolmentChange change, CancellationToken cancellationToken)
        {
            lock (Changes)
            {
                Changes.Add(change);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>A collection that yields inside every deletion (so racing sweepers interleave) and counts deletions per face id.</summary>
    private sealed class CountingCollection : IFaceCollection
    {
        public FakeFaceCollection Inner { get; } = new();

        public System.Collections.Concurrent.ConcurrentDictionary<string, int> DeletionsPerFace { get; } = new();

        public ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken) => Inner.IndexFaceAsync(userId, image, cancellationToken);

        public ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken) => Inner.MatchUserAsync(userId, image, minSimilarity, cancellationToken);

        public ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken) => Inner.DeleteUserFacesAsync(userId, cancellationToken);

        public async ValueTask<int> DeleteFacesAsync(string userId, IReadOnlyList<string> faceIds, CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var id in faceIds)
            {
                DeletionsPerFace.AddOrUpdate(id, 1, (_, n) => n + 1);
            }

            await Task.Delay(1, cancellationToken);
            return await Inner.DeleteFacesAsync(userId, faceIds, cancellationToken);
        }
    }
}
