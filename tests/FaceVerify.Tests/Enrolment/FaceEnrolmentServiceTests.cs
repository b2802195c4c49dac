using Microsoft.Extensions.DependencyInjection;
using FaceVerify.Testing;
using FaceVerify.Tests.Login;

namespace FaceVerify.Tests.Enrolment;

public class FaceEnrolmentServiceTests
{
    /// <summary>Photos use variants from here; liveness frames the ones below.</summary>
    private const int PhotoVariants = 900;

    private static readonly FaceBuilder Good = Face.At(0.3, 0.2, 0.4, 0.5);

    [Test]
    public async Task EnrolAsync_OneClearFaceWithPassedSession_IndexesItAndStoresThePhoto()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        var photoComparisons = 0;
        f.Comparer.SimilarityFunction = (source, _) =>
        {
            if (IsPhoto(source))
            {
                Interlocked.Increment(ref photoComparisons);
            }

            return 99;
        };
        var photo = TestFrames.Jpeg(640, 640, PhotoVariants);

        var outcome = await f.EnrolAsync("alice", photo);

        outcome.Succeeded.Should().BeTrue(outcome.Detail);
        outcome.FaceId.Should().NotBeNullOrEmpty();
        outcome.Replaced.Should().BeFalse();
        f.Collection.EnrolledUsers.Should().Equal("alice");
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().Equal(photo);
        photoComparisons.Should().Be(2, "the photo is compared with the deciding and the first liveness frame");
    }

    [Test]
    public async Task EnrolAsync_PhotoAlone_IsRefusedLivenessRequiredWithoutAnalysis()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);

        var outcome = await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants), default);

        outcome.Reason.Should().Be(EnrolmentReason.LivenessRequired);
        f.Analyzer.Calls.Should().Be(0);
        f.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task EnrolAsync_LivenessRelaxedByOption_PhotoAloneEnrols()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()], o => o.RequireLivenessForEnrolment = false);

        var outcome = await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants), default);

        outcome.Succeeded.Should().BeTrue(outcome.Detail);
        f.Comparer.Calls.Should().Be(0);
    }

    [Test]
    public async Task EnrolAsync_LiveFaceDoesNotMatchThePhoto_FaceMismatchNothingStoredSessionUsedUp()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        f.Comparer.SimilarityFunction = (source, _) => IsPhoto(source) ? 89.9 : 99;
        var (sessionId, _) = await f.RunSessionAsync("alice", firstVariant: 500);

        var outcome = await f.Enrolment.EnrolAsync(new EnrolmentRequest { UserId = "alice", Photo = TestFrames.Jpeg(640, 640, PhotoVariants), LivenessSessionId = sessionId }, default);
        f.Comparer.SimilarityFunction = null;
        var retry = await f.Enrolment.EnrolAsync(new EnrolmentRequest { UserId = "alice", Photo = TestFrames.Jpeg(640, 640, PhotoVariants), LivenessSessionId = sessionId }, default);

        outcome.Reason.Should().Be(EnrolmentReason.FaceMismatch);
        outcome.Similarity.Should().Be(89.9);
        retry.Reason.Should().Be(EnrolmentReason.SessionAlreadyUsed, "one liveness proof, one attempt");
        f.Collection.EnrolledUsers.Should().BeEmpty();
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().BeNull();
    }

    [Test]
    public async Task EnrolAsync_SessionPastTheLoginWindow_IsRefused()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        var (sessionId, _) = await f.RunSessionAsync("alice", firstVariant: 500);
        f.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        var outcome = await f.Enrolment.EnrolAsync(new EnrolmentRequest { UserId = "alice", Photo = TestFrames.Jpeg(640, 640, PhotoVariants), LivenessSessionId = sessionId }, default);

        outcome.Reason.Should().Be(EnrolmentReason.SessionAlreadyUsed);
    }

    [Test]
    public async Task EnrolAsync_AgainWithoutStepUp_RefusedNothingChanged()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        var first = TestFrames.Jpeg(640, 640, PhotoVariants);
        (await f.EnrolAsync("alice", first)).Succeeded.Should().BeTrue();

        var again = await f.EnrolAsync("alice", TestFrames.Png(640, 640, PhotoVariants + 1), sessionVariant: 510);

        again.Reason.Should().Be(EnrolmentReason.StepUpRequired);
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().Equal(first);
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Png), default)).Should().BeNull();
    }

    [Test]
    public async Task EnrolAsync_AgainAfterFaceLogin_ReplacesTheEarlierEnrolment()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        var (loginSession, _) = await f.RunSessionAsync("alice", firstVariant: 520);
        (await f.Login.LoginAsync("alice", loginSession, default)).Succeeded.Should().BeTrue();

        var again = await f.EnrolAsync("alice", TestFrames.Png(640, 640, PhotoVariants + 1), sessionVariant: 510);

        again.Succeeded.Should().BeTrue(again.Detail);
        again.Replaced.Should().BeTrue();
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().BeNull("the old photo is gone");
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Png), default)).Should().NotBeNull();
        f.Collection.FaceCount("alice").Should().Be(1, "one face per user, never two");
        f.Collection.DeleteUserFacesCalls.Should().Be(0, "the old face is deleted by its stored id, without listing the collection");
    }

    [Test]
    public async Task EnrolAsync_AgainWithApplicationApproval_ReplacesAndApprovalSeesTheCode()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()], build: b => b.AddEnrolmentApproval<CodeApproval>());
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();

        var wrong = await f.EnrolAsync("alice", TestFrames.Png(640, 640, PhotoVariants + 1), sessionVariant: 510, approval: "000000");
        var right = await f.EnrolAsync("alice", TestFrames.Png(640, 640, PhotoVariants + 1), sessionVariant: 520, approval: CodeApproval.Code);

        wrong.Reason.Should().Be(EnrolmentReason.StepUpRequired);
        right.Succeeded.Should().BeTrue(right.Detail);
        right.Replaced.Should().BeTrue();
    }

    [Test]
    public async Task EnrolAsync_EnrolReplaceDelete_RaiseOneEventEach()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()], build: b => b.AddEnrolmentObserver<RecordingObserver>().AddEnrolmentObserver<ThrowingObserver>());
        var observer = f.Services.GetServices<IEnrolmentObserver>().OfType<RecordingObserver>().Single();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        var (loginSession, _) = await f.RunSessionAsync("alice", firstVariant: 520);
        (await f.Login.LoginAsync("alice", loginSession, default)).Succeeded.Should().BeTrue();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants + 1), sessionVariant: 510)).Succeeded.Should().BeTrue();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants + 2), sessionVariant: 530)).Succeeded.Should().BeFalse();

        await f.Enrolment.DeleteUserDataAsync("alice", default);

        observer.Changes.Select(c => (c.Kind, c.UserId, c.StepUp)).Should().Equal(
            (EnrolmentChangeKind.Enrolled, "alice", EnrolmentStepUp.None),
            (EnrolmentChangeKind.Replaced, "alice", EnrolmentStepUp.FaceLogin),
            (EnrolmentChangeKind.Deleted, "alice", EnrolmentStepUp.None));
    }

    [Test]
    public async Task EnrolAsync_WhileTheUserIsLocked_InProgressNothingStored()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        var (sessionId, _) = await f.RunSessionAsync("alice", firstVariant: 500);
        await f.Attempts.TryAcquireUserLockAsync("alice", "someone-else", f.Time.GetUtcNow().AddMinutes(1), default);

        var outcome = await f.Enrolment.EnrolAsync(new EnrolmentRequest { UserId = "alice", Photo = TestFrames.Jpeg(640, 640, PhotoVariants), LivenessSessionId = sessionId }, default);

        outcome.Reason.Should().Be(EnrolmentReason.InProgress);
        f.Collection.EnrolledUsers.Should().BeEmpty();
        (await f.Login.LoginAsync("alice", sessionId, default)).Reason.Should().NotBe(FaceLoginReason.SessionAlreadyUsed, "a refused enrolment that never got the lock does not use the session up");
    }

    [TestCase(0, EnrolmentReason.NoFace)]
    [TestCase(2, EnrolmentReason.MultipleFaces)]
    public async Task EnrolAsync_NotExactlyOneFace_IsRefused(int faces, EnrolmentReason expected)
    {
        using var f = new FaceServicesFixture(v => v >= PhotoVariants ? Enumerable.Repeat(Good.Build(), faces).ToArray() : [Good.Build()]);

        var outcome = await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants));

        outcome.Reason.Should().Be(expected);
        outcome.Detail.Should().NotBeNullOrEmpty();
        f.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task EnrolAsync_UnclearFaces_AreLowQuality()
    {
        foreach (var face in new[] { Good.WithConfidence(80), Good.Yaw(35), Good.Pitch(-31), Face.At(0.45, 0.45, 0.05, 0.05) })
        {
            using var f = new FaceServicesFixture(v => v >= PhotoVariants ? [face.Build()] : [Good.Build()]);

            (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Reason.Should().Be(EnrolmentReason.LowQuality);
        }
    }

    [Test]
    public async Task EnrolAsync_BadBytes_AreRefusedBeforeAnyAnalysis()
    {
        using var f = new FaceServicesFixture();

        (await f.Enrolment.EnrolAsync("alice", "not an image"u8.ToArray(), default)).Reason.Should().Be(EnrolmentReason.InvalidImage);
        (await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640).AsMemory(0, 30), default)).Reason.Should().Be(EnrolmentReason.InvalidImage);
        (await f.Enrolment.EnrolAsync("alice", new byte[(5 * 1024 * 1024) + 1], default)).Reason.Should().Be(EnrolmentReason.InvalidImage);
        (await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(64, 64), default)).Reason.Should().Be(EnrolmentReason.LowQuality);
        f.Analyzer.Calls.Should().Be(0);
    }

    [Test]
    public async Task EnrolAsync_AttemptsBeyondTheLimit_LockedOutEvenAfterDeletingOnesData()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()], o => o.MaxEnrolmentsPerUser = 2);
        var request = new EnrolmentRequest { UserId = "alice", Photo = TestFrames.Jpeg(640, 640, PhotoVariants), LivenessSessionId = "nope" };
        (await f.Enrolment.EnrolAsync(request, default)).Reason.Should().Be(EnrolmentReason.SessionNotFound);
        (await f.Enrolment.EnrolAsync(request, default)).Reason.Should().Be(EnrolmentReason.SessionNotFound);

        await f.Enrolment.DeleteUserDataAsync("alice", default);
        var locked = await f.Enrolment.EnrolAsync(request, default);

        locked.Reason.Should().Be(EnrolmentReason.LockedOut);
        locked.RetryAfter.Should().NotBeNull();
    }

    [Test]
    public async Task DeleteUserDataAsync_RemovesEverythingOfThatUserOnly()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, PhotoVariants))).Succeeded.Should().BeTrue();
        (await f.EnrolAsync("bob", TestFrames.Jpeg(640, 640, PhotoVariants + 1), sessionVariant: 600)).Succeeded.Should().BeTrue();
        var (aliceSession, _) = await f.RunSessionAsync("alice");
        var (bobSession, _) = await f.RunSessionAsync("bob", firstVariant: 10);
        var aliceFrames = await f.Attempts.GetFramesAsync(aliceSession, default);

        var deleted = await f.Enrolment.DeleteUserDataAsync("alice", default);

        deleted.Should().Be(new UserDataDeletion(Sessions: 2, Objects: 8, Faces: 1), "6 frames, the photo and its face id; the face deleted by id");
        f.Collection.DeleteUserFacesCalls.Should().Be(0, "no listing of the collection on enrolment or deletion");
        (await f.Attempts.GetSessionAsync(aliceSession, default)).Should().BeNull();
        (await f.Attempts.GetSessionIdsForUserAsync("alice", default)).Should().BeEmpty();
        foreach (var frame in aliceFrames)
        {
            (await f.Frames.GetAsync(frame.StorageKey, default)).Should().BeNull();
        }

        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().BeNull();
        f.Collection.EnrolledUsers.Should().Equal("bob");
        (await f.Attempts.GetSessionAsync(bobSession, default)).Should().NotBeNull();
        (await f.Frames.GetAsync(FrameKeys.Enrolment("bob", ImageFormat.Jpeg), default)).Should().NotBeNull();
    }

    private static bool IsPhoto(FaceImage image) => TestFrames.ReadVariant(image.Content.Span) >= PhotoVariants;

    private sealed class CodeApproval : IEnrolmentApproval
    {
        public const string Code = "424242";

        public ValueTask<bool> ApproveReplacementAsync(EnrolmentApprovalArguments arguments, CancellationToken cancellationToken)
            => ValueTask.FromResult(arguments.UserId == "alice" && arguments.Approval == Code);
    }

    private sealed class RecordingObserver : IEnrolmentObserver
    {
        public List<EnrolmentChange> Changes { get; } = [];

        public ValueTask OnEnrolmentChangedAsync(EnrolmentChange change, CancellationToken cancellationToken)
        {
            Changes.Add(change);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IEnrolmentObserver
    {
        public ValueTask OnEnrolmentChangedAsync(EnrolmentChange change, CancellationToken cancellationToken) => throw new InvalidOperationException("mail server down");
    }
}
