using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Tests.Login;

public class FaceLoginServiceTests
{
    [Test]
    public async Task LoginAsync_PassedSessionOfEnrolledUser_SucceedsOnceWithAResultToken()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, verified) = await f.EnrolAliceThenRunSessionAsync();
        verified.Succeeded.Should().BeTrue();

        var first = await f.Login.LoginAsync("alice", sessionId, default);
        var second = await f.Login.LoginAsync("alice", sessionId, default);

        first.Succeeded.Should().BeTrue();
        first.Similarity.Should().Be(99);
        first.ResultToken.Should().NotBeNull();
        second.Reason.Should().Be(FaceLoginReason.SessionAlreadyUsed, "a passed session logs in once");
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
        stolen.Reason.Should().Be(FaceLoginReason.SessionNotFound);
        (await f.Login.LoginAsync("alice", aliceSession, default)).Reason.Should().Be(FaceLoginReason.NotEnrolled, "the failed attempt did not use up alice's session");
    }

    [Test]
    public async Task LoginAsync_FailedLiveness_IsRefusedWithoutComparison()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, verified) = await f.EnrolAliceThenRunSessionAsync(1);
        verified.Succeeded.Should().BeFalse();

        var comparisonsAtVerify = f.Comparer.Calls;
        var result = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(FaceLoginReason.SessionNotPassed);
        f.Comparer.Calls.Should().Be(comparisonsAtVerify);
        f.Collection.MatchCalls.Should().Be(0);
    }

    [Test]
    public async Task LoginAsync_BelowTheThreshold_IsAMismatchAndUsesTheSessionUp()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, _) = await f.EnrolAliceThenRunSessionAsync();
        f.Comparer.Similarity = 89.9;

        var result = await f.Login.LoginAsync("alice", sessionId, default);
        f.Comparer.Similarity = 99;
        var retry = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(FaceLoginReason.FaceMismatch);
        result.Similarity.Should().Be(89.9);
        result.ResultToken.Should().BeNull();
        retry.Reason.Should().Be(FaceLoginReason.SessionAlreadyUsed, "a failed comparison cannot be retried with the same liveness proof");
    }

    [Test]
    public async Task LoginAsync_NoScoreFromTheEngine_ReportsNoSimilarityRatherThanZero()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, _) = await f.EnrolAliceThenRunSessionAsync();
        f.Comparer.Similarity = 0;

        var result = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(FaceLoginReason.FaceMismatch);
        result.Similarity.Should().BeNull();
    }

    [Test]
    public async Task LoginAsync_AfterTheLoginWindow_IsRefused()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, _) = await f.EnrolAliceThenRunSessionAsync();
        f.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        (await f.Login.LoginAsync("alice", sessionId, default)).Reason.Should().Be(FaceLoginReason.SessionAlreadyUsed);
    }

    [Test]
    public async Task LoginAsync_UserNotEnrolled_IsRefused()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, _) = await f.RunSessionAsync("alice");

        (await f.Login.LoginAsync("alice", sessionId, default)).Reason.Should().Be(FaceLoginReason.NotEnrolled);
    }

    [Test]
    public async Task LoginAsync_ComparesTheReferencePhotoWithTwoLivenessFramesNeverTheCollection()
    {
        using var f = new FaceServicesFixture();
        var photo = TestFrames.Jpeg(640, 640, 900);
        (await f.EnrolAsync("alice", photo)).Succeeded.Should().BeTrue();
        var (sessionId, _) = await f.RunSessionAsync("alice", frames: 3);
        var compared = new List<(int? Source, int? Target)>();
        f.Comparer.SimilarityFunction = (source, target) =>
        {
            compared.Add((TestFrames.ReadVariant(source.Content.Span), TestFrames.ReadVariant(target.Content.Span)));
            return 97;
        };

        var result = await f.Login.LoginAsync("alice", sessionId, default);

        result.Succeeded.Should().BeTrue(result.Reason.ToString());
        compared.Should().HaveCount(2, "two liveness frames");
        compared.Should().OnlyContain(c => c.Target == 900, "each probe is compared with alice's own reference photo");
        compared.Select(c => c.Source).Should().BeSubsetOf([0, 1, 2], "the probes are liveness frames (the two most frontal; these are equally frontal)").And.OnlyHaveUniqueItems();
        f.Collection.MatchCalls.Should().Be(0, "face login never searches the collection");
    }

    [Test]
    public async Task LoginAsync_OneOfTheTwoProbesBelowTheThreshold_IsAMismatch()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, _) = await f.EnrolAliceThenRunSessionAsync(3);
        f.Comparer.SimilarityFunction = (source, _) => TestFrames.ReadVariant(source.Content.Span) == 2 ? 99 : 60;

        var result = await f.Login.LoginAsync("alice", sessionId, default);

        result.Reason.Should().Be(FaceLoginReason.FaceMismatch);
        result.Similarity.Should().Be(60);
    }

    [Test]
    public async Task LoginAsync_ResultToken_SaysLivenessAndFaceMatchWithTheSimilarity()
    {
        using var f = new FaceServicesFixture();
        var (sessionId, verified) = await f.EnrolAliceThenRunSessionAsync();
        f.Comparer.SimilarityFunction = (source, _) => TestFrames.ReadVariant(source.Content.Span) == 2 ? 98.5 : 93.25;

        var result = await f.Login.LoginAsync("alice", sessionId, default);

        var tokens = f.Services.GetRequiredService<IFaceVerificationTokens>();
        var login = tokens.ValidateResultToken(result.ResultToken!.Token).Claims!;
        var liveness = tokens.ValidateResultToken(verified.ResultToken!.Token).Claims!;
        login.Proof.Should().Be(ResultProof.LivenessAndFaceMatch);
        login.Similarity.Should().Be(93.25, "the lower of the two similarities");
        liveness.Proof.Should().Be(ResultProof.Liveness);
        liveness.Similarity.Should().BeNull();
        login.TokenId.Should().Be(liveness.TokenId, "one session, one proof id");
    }

    [Test]
    public async Task LoginAsync_NoComparerConfigured_ExplainsWhatToConfigure()
    {
        var services = new ServiceCollection();
        services.AddFaceVerification().UseInMemoryStores().UseEphemeralSigningKey();
        await using var provider = services.BuildServiceProvider();
        var login = provider.GetRequiredService<IFaceLoginService>();

        var act = async () => await login.LoginAsync("alice", "s", default);

        await act.Should().ThrowAsync<FaceVerificationException>().WithMessage("*UseFaceComparer*");
    }

    [Test]
    public void ProbeFrames_IdentityCheckOff_TheDecidingFrameAndTheMostFrontalOtherSingleFaceFrame()
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

        FaceLoginService.ProbeFrames(SessionIdentity.LivenessFrames(frames, decidedAt: 3), bound: false)!.Select(p => p.Sequence)
            .Should().Equal([3, 2], "frame 3 decided, frame 1 has two faces and frame 4 came after the decision");
        FaceLoginService.ProbeFrames(SessionIdentity.LivenessFrames(frames, decidedAt: null), bound: false)!.Select(p => p.Sequence).Should().Equal(4, 2);
        FaceLoginService.ProbeFrames(SessionIdentity.LivenessFrames(frames, decidedAt: 0), bound: false).Should().BeNull("one liveness frame is not enough");
    }

    [Test]
    public void ProbeFrames_IdentityCheckBoundTheFrames_TheTwoMostFrontalSingleFaceFramesNotTheTurnedDecidingFrame()
    {
        var face = Face.At(0.3, 0.2, 0.4, 0.5);
        var frames = new[]
        {
            Probe(0, face.Yaw(1).Build()),
            Probe(1, face.Build(), face.Build()),
            Probe(2, face.Yaw(3).Build()),
            Probe(3, face.Yaw(30).Build()),
            Probe(4, face.Build()),
        };

        FaceLoginService.ProbeFrames(SessionIdentity.LivenessFrames(frames, decidedAt: 3), bound: true)!.Select(p => p.Sequence)
            .Should().Equal([0, 2], "the deciding frame 3 is turned 30°, frame 1 has two faces and frame 4 came after the decision");
        FaceLoginService.ProbeFrames(SessionIdentity.LivenessFrames(frames, decidedAt: 0), bound: true).Should().BeNull("one liveness frame is not enough");
    }

    private static FrameRecord Probe(int seq, params FaceDetails[] faces) => new()
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
}
