using FaceVerify.Testing;
using FaceVerify.Tests.Login;

namespace FaceVerify.Tests.Enrolment;

public class FaceEnrolmentServiceTests
{
    private static readonly FaceBuilder Good = Face.At(0.3, 0.2, 0.4, 0.5);

    [Test]
    public async Task EnrolAsync_OneClearFace_IndexesItAndStoresThePhoto()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        var photo = TestFrames.Jpeg(640, 640, 1);

        var outcome = await f.Enrolment.EnrolAsync("alice", photo, default);

        outcome.Succeeded.Should().BeTrue();
        outcome.FaceId.Should().NotBeNullOrEmpty();
        f.Collection.EnrolledUsers.Should().Equal("alice");
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().Equal(photo);
    }

    [Test]
    public async Task EnrolAsync_Again_ReplacesTheEarlierEnrolment()
    {
        using var f = new FaceServicesFixture(_ => [Good.Build()]);
        await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 1), default);

        await f.Enrolment.EnrolAsync("alice", TestFrames.Png(640, 640, 2), default);

        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Jpeg), default)).Should().BeNull("the old photo is gone");
        (await f.Frames.GetAsync(FrameKeys.Enrolment("alice", ImageFormat.Png), default)).Should().NotBeNull();
        (await f.Collection.DeleteUserFacesAsync("alice", default)).Should().Be(1, "one face per user, never two");
    }

    [TestCase(0, EnrolmentStatus.NoFace)]
    [TestCase(2, EnrolmentStatus.MultipleFaces)]
    public async Task EnrolAsync_NotExactlyOneFace_IsRefused(int faces, EnrolmentStatus expected)
    {
        using var f = new FaceServicesFixture(_ => Enumerable.Repeat(Good.Build(), faces).ToArray());

        var outcome = await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640), default);

        outcome.Status.Should().Be(expected);
        outcome.Detail.Should().NotBeNullOrEmpty();
        f.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task EnrolAsync_UnclearFaces_AreLowQuality()
    {
        foreach (var face in new[] { Good.WithConfidence(80), Good.Yaw(35), Good.Pitch(-31), Face.At(0.45, 0.45, 0.05, 0.05) })
        {
            using var f = new FaceServicesFixture(_ => [face.Build()]);

            (await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640), default)).Status.Should().Be(EnrolmentStatus.LowQuality);
        }
    }

    [Test]
    public async Task EnrolAsync_BadBytes_AreRefusedBeforeAnyAnalysis()
    {
        using var f = new FaceServicesFixture();

        (await f.Enrolment.EnrolAsync("alice", "not an image"u8.ToArray(), default)).Status.Should().Be(EnrolmentStatus.InvalidImage);
        (await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640).AsMemory(0, 30), default)).Status.Should().Be(EnrolmentStatus.InvalidImage);
        (await f.Enrolment.EnrolAsync("alice", new byte[(5 * 1024 * 1024) + 1], default)).Status.Should().Be(EnrolmentStatus.InvalidImage);
        (await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(64, 64), default)).Status.Should().Be(EnrolmentStatus.LowQuality);
        f.Analyzer.Calls.Should().Be(0);
    }

    [Test]
    public async Task DeleteUserDataAsync_RemovesEverythingOfThatUserOnly()
    {
        using var f = new FaceServicesFixture();
        await f.Enrolment.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 1), default);
        await f.Enrolment.EnrolAsync("bob", TestFrames.Jpeg(640, 640, 2), default);
        var (aliceSession, _) = await f.RunSessionAsync("alice");
        var (bobSession, _) = await f.RunSessionAsync("bob", firstVariant: 10);
        var aliceFrames = await f.Attempts.GetFramesAsync(aliceSession, default);

        var deleted = await f.Enrolment.DeleteUserDataAsync("alice", default);

        deleted.Should().Be(new UserDataDeletion(Sessions: 1, Objects: 4, Faces: 1));
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
}
