using FaceVerify.Testing;

namespace FaceVerify.Tests.Login;

public class FaceLoginServiceTests
{
    [Test]
    public async Task LoginAsync_PassedSessionOfEnrolledUser_SucceedsOnceWithAResultToken()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 900))).Succeeded.Should().BeTrue();
        var (sessionId, verified) = await f.RunSessionAsync("alice");
        verified.Passed.Should().BeTrue();

        var first = await f.Login.LoginAsync("alice", sessionId, default);
        var second = await f.Login.LoginAsync("alice", sessionId, default);

        first.Succeeded.Should().BeTrue();
        first.Similarity.Should().Be(99);
        first.ResultToken.Should().NotBeNull();
        second.Reason.Should().Be(OutcomeReason.SessionAlreadyUsed, "a passed session logs in once");
    }

    [Test]
    public async Task LoginAsync_AnotherUsersSessionOrAnUnknownOne_AnswerTheSame()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("mallory", TestFrames.Jpeg(640, 640, 901))).Succeeded.Should().BeTrue();
        var (aliceSession, _) = await f.RunSessionAsync("alice");

        var stolen = await f.Login.LoginAsync("mallory", aliceSession, default);
        var unknown = await f.Login.LoginAsync("mallory", "no-such-session", default);

        stolen.Should().BeEquivalentTo(unknown);
        stolen.Reason.Should().Be(OutcomeReason.SessionNotFound);
        (await f.Login.LoginAsync("alice", aliceSession, default)).Reason.Should().Be(OutcomeReason.NotEnrolled, "the failed attempt did not use up alice's session");
    }

    [Test]
    public async Task LoginAsync_FailedLiveness_IsRefusedWithoutComparison()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 900))).Succeeded.Should().BeTrue();
        var (sessionId, verified) = await f.RunSessionAsync("alice", frames: 1);
        verified.Passed.Should().BeFalse();

        var result = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(OutcomeReason.SessionNotPassed);
        f.Collection.MatchCalls.Should().Be(0);
    }

    [Test]
    public async Task LoginAsync_BelowTheThreshold_IsAMismatchAndUsesTheSessionUp()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 900))).Succeeded.Should().BeTrue();
        f.Collection.Similarity = 89.9;
        var (sessionId, _) = await f.RunSessionAsync("alice");

        var result = await f.Login.LoginAsync("alice", sessionId, default);
        f.Collection.Similarity = 99;
        var retry = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(OutcomeReason.FaceMismatch);
        result.Similarity.Should().Be(89.9);
        result.ResultToken.Should().BeNull();
        retry.Reason.Should().Be(OutcomeReason.SessionAlreadyUsed, "a failed comparison cannot be retried with the same liveness proof");
    }

    [Test]
    public async Task LoginAsync_NoScoreFromTheEngine_ReportsNoSimilarityRatherThanZero()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 900))).Succeeded.Should().BeTrue();
        f.Collection.Similarity = 0;
        var (sessionId, _) = await f.RunSessionAsync("alice");

        var result = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(OutcomeReason.FaceMismatch);
        result.Similarity.Should().BeNull();
    }

    [Test]
    public async Task LoginAsync_AfterTheLoginWindow_IsRefused()
    {
        using var f = new FaceServicesFixture();
        (await f.EnrolAsync("alice", TestFrames.Jpeg(640, 640, 900))).Succeeded.Should().BeTrue();
        var (sessionId, _) = await f.RunSessionAsync("alice");
        f.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        (await f.Login.LoginAsync("alice", sessionId, default)).Reason.Should().Be(OutcomeReason.SessionAlreadyUsed);
    }

    [Test]
    public async Task LoginAsync_UserNotEnrolled_IsRefused()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, _) = await f.RunSessionAsync("alice");

        (await f.Login.LoginAsync("alice", sessionId, default)).Reason.Should().Be(OutcomeReason.NotEnrolled);
    }

    [Test]
    public void BestFrame_PrefersTheMostFrontalSingleFaceUpToTheDecision()
    {
        FrameRecord Frame(int seq, params FaceDetails[] faces) => new()
        {
            SessionId = "s",
            Sequence = seq,
            ReceivedAt = DateTimeOffset.UnixEpoch,
            ContentHash = seq.ToString(System.Globalization.CultureInfo.InvariantCulture),
            StorageKey = $"k{seq}",
            Format = ImageFormat.Jpeg,
            Length = 1,
            RetainUntil = DateTimeOffset.MaxValue,
            Analysis = new StoredAnalysis(faces, null, DateTimeOffset.UnixEpoch),
        };
        var face = Face.At(0.3, 0.2, 0.4, 0.5);
        var frames = new[]
        {
            Frame(0, face.Yaw(20).Build()),
            Frame(1, face.Yaw(2).Build(), face.Build()),
            Frame(2, face.Yaw(3).Build()),
            Frame(3, face.Yaw(10).Build()),
            Frame(4, face.Build()),
        };

        FaceLoginService.BestFrame(frames, decidedAt: 3)!.Sequence.Should().Be(2, "frame 1 has two faces and frame 4 came after the decision");
        FaceLoginService.BestFrame(frames, decidedAt: null)!.Sequence.Should().Be(4);
    }
}
