using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.Sessions;

public class ChallengeSessionServiceTests
{
    private const int Size = 480;
    private static readonly FaceDetails OneFace = new() { Confidence = 99.9, BoundingBox = new BoundingBox(0.4, 0.5, 0.3, 0.2) };

    private readonly ManualTimeProvider _time = new();
    private ScriptedFaceAnalyzer _analyzer = ScriptedFaceAnalyzer.ByVariant(v => v >= 100 ? [OneFace, OneFace] : [OneFace]);
    private Action<FaceVerificationOptions>? _configure;
    private Action<IFaceVerificationBuilder>? _extra;

    private ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddFaceVerification(o =>
            {
                o.AnalysisRetryDelay = TimeSpan.Zero;
                o.AllowClientChallengeType = true;
                _configure?.Invoke(o);
            })
            .ClearChallenges()
            .AddChallenge<CountingChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(_analyzer);
        _extra?.Invoke(new ServiceCollectionBuilder(services));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IChallengeSessionService Service(ServiceProvider provider) => provider.GetRequiredService<IChallengeSessionService>();

    private static async Task<StartChallengeResult> StartAsync(IChallengeSessionService service, string user = "alice")
    {
        var started = await service.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = Size, FrameHeight = Size }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        return started;
    }

    private static ValueTask<FrameSubmissionResult> SubmitAsync(IChallengeSessionService service, StartChallengeResult session, int variant)
        => service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), TestFrames.Jpeg(Size, Size, variant), default);

    /// <summary>Three one-face frames: enough for the counting challenge to pass at frame 2.</summary>
    private static async Task SubmitPassingFramesAsync(IChallengeSessionService service, StartChallengeResult session)
    {
        for (var i = 0; i < 3; i++)
        {
            (await SubmitAsync(service, session, i)).Succeeded.Should().BeTrue();
        }
    }

    [Test]
    public async Task StartAsync_ReturnsSessionWithTokenParametersAndServerExpiry()
    {
        using var provider = Build();
        var started = await StartAsync(Service(provider));

        started.SessionId.Should().NotBeNullOrEmpty();
        started.SessionToken.Should().NotBeNullOrEmpty();
        started.ChallengeType.Should().Be(CountingChallenge.Name);
        started.Parameters!.Value.GetProperty("width").GetInt32().Should().Be(Size, "parameters come from the real frame size");
        started.ExpiresAt.Should().Be(_time.GetUtcNow() + TimeSpan.FromMinutes(3));
    }

    [Test]
    public async Task StartAsync_ClientChosenTypeWhenNotAllowed_IsRefused()
    {
        _configure = o => o.AllowClientChallengeType = false;
        using var provider = Build();

        var result = await Service(provider).StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = Size, FrameHeight = Size, ChallengeType = CountingChallenge.Name }, default);

        result.Reason.Should().Be(StartChallengeReason.ChallengeTypeNotAllowed);
        result.SessionId.Should().BeNull();
    }

    [TestCase("NOSE")]
    [TestCase("unknown")]
    [TestCase("counting ")]
    public async Task StartAsync_UnknownType_IsAClearErrorNotACrash(string type)
    {
        using var provider = Build();

        var result = await Service(provider).StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = Size, FrameHeight = Size, ChallengeType = type }, default);

        result.Reason.Should().Be(StartChallengeReason.UnknownChallengeType);
        result.Detail.Should().Contain(CountingChallenge.Name);
    }

    [Test]
    public async Task StartAsync_ClientChosenRegisteredType_IsCaseInsensitive()
    {
        using var provider = Build();

        var result = await Service(provider).StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = Size, FrameHeight = Size, ChallengeType = "COUNTING" }, default);

        result.Succeeded.Should().BeTrue();
        result.ChallengeType.Should().Be(CountingChallenge.Name);
    }

    [TestCase(0, 480)]
    [TestCase(-1, 480)]
    [TestCase(335, 480)]
    [TestCase(480, 100000)]
    public async Task StartAsync_FrameSizeOutOfRange_IsRefused(int width, int height)
    {
        using var provider = Build();

        var result = await Service(provider).StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = width, FrameHeight = height }, default);

        result.Reason.Should().Be(StartChallengeReason.InvalidFrameSize);
    }

    [Test]
    public async Task StartAsync_MoreThanFivePerWindow_LocksOutUntilTheWindowPasses()
    {
        using var provider = Build();
        var service = Service(provider);
        for (var i = 0; i < 5; i++)
        {
            await StartAsync(service);
        }

        var sixth = await service.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = Size, FrameHeight = Size }, default);
        var otherUser = await service.StartAsync(new StartChallengeRequest { UserId = "bob", FrameWidth = Size, FrameHeight = Size }, default);

        sixth.Reason.Should().Be(StartChallengeReason.LockedOut);
        sixth.RetryAfter.Should().NotBeNull().And.BeAfter(_time.GetUtcNow());
        otherUser.Succeeded.Should().BeTrue("limits are per user");

        _time.SetUtcNow(sixth.RetryAfter!.Value);
        (await service.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = Size, FrameHeight = Size }, default)).Succeeded.Should().BeTrue();
    }

    [Test]
    public async Task StartAsync_PerDeviceLimit_AppliesAcrossUsers()
    {
        _configure = o => o.MaxSessionsPerDevice = 2;
        using var provider = Build();
        var service = Service(provider);

        var results = new List<StartChallengeResult>();
        foreach (var user in new[] { "a", "b", "c" })
        {
            results.Add(await service.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = Size, FrameHeight = Size, DeviceId = "device-1" }, default));
        }

        results.Select(r => r.Reason).Should().Equal(StartChallengeReason.None, StartChallengeReason.None, StartChallengeReason.LockedOut);
    }

    [Test]
    public async Task VerifyAsync_EnoughGoodFrames_PassesAndStopsAnalysingAfterTheDecision()
    {
        _configure = o => o.MaxConcurrentAnalyses = 1;
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);

        for (var i = 0; i < 3; i++)
        {
            (await SubmitAsync(service, session, i)).Succeeded.Should().BeTrue();
        }

        await WaitUntilAsync(async () => (await service.GetSessionAsync(session.SessionId!, default))!.DecidedAtFrame is not null);
        var late = await SubmitAsync(service, session, 3);
        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        late.Reason.Should().Be(FrameSubmissionReason.SessionClosed, "a decided challenge takes no more frames");
        result.Succeeded.Should().BeTrue();
        result.Reason.Should().Be(ChallengeReason.Passed);
        result.DecidedAtFrame.Should().Be(2);
        result.ResultToken.Should().NotBeNull();
        _analyzer.Calls.Should().Be(3);
    }

    [Test]
    public async Task GetDecisionTraceAsync_AfterVerify_RecordsEachFrameUpToTheDecision()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitAsync(service, session, 0);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        await SubmitAsync(service, session, 100);
        await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        var trace = await service.GetDecisionTraceAsync(session.SessionId!, default);

        trace.Select(t => (t.Sequence, t.FaceCount, t.Verdict, t.Reason)).Should().Equal(
            (0, 1, VerdictKind.Continue, ChallengeReason.None),
            (1, 2, VerdictKind.Failed, ChallengeReason.MultipleFaces));
        trace[1].ReceivedAt.Should().Be(trace[0].ReceivedAt.AddMilliseconds(100));
    }

    [Test]
    public async Task VerifyAsync_SecondFaceMidSession_FailsWithItsReason()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitAsync(service, session, 0);
        await SubmitAsync(service, session, 100);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Status.Should().Be(SessionStatus.Failed);
        result.Reason.Should().Be(ChallengeReason.MultipleFaces);
        result.DecidedAtFrame.Should().Be(1);
    }

    [Test]
    public async Task VerifyAsync_NoFrames_FailsWithNoFrames()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Status.Should().Be(SessionStatus.Failed);
        result.Reason.Should().Be(ChallengeReason.NoFrames);
    }

    [Test]
    public async Task VerifyAsync_FramesRunOutUndecided_FailsNotCompleted()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitAsync(service, session, 0);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Reason.Should().Be(ChallengeReason.ChallengeNotCompleted);
    }

    [Test]
    public async Task VerifyAsync_AfterExpiry_IsExpiredEvenWithGoodFrames()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        _time.Advance(TimeSpan.FromMinutes(3));
        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Status.Should().Be(SessionStatus.Expired);
        result.Reason.Should().Be(ChallengeReason.SessionExpired);
    }

    [Test]
    public async Task VerifyAsync_Twice_ReturnsTheStoredOutcomeAndAnalysesNothing()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        var first = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);
        var calls = _analyzer.Calls;
        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        second.Status.Should().Be(first.Status);
        second.Reason.Should().Be(first.Reason);
        second.DecidedAtFrame.Should().Be(first.DecidedAtFrame);
        _analyzer.Calls.Should().Be(calls);
    }

    [Test]
    public async Task VerifyAsync_HundredConcurrentCalls_OneCompletionOneOutcome()
    {
        using var provider = Build();
        var service = Service(provider);
        var store = provider.GetRequiredService<IAttemptStore>();
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () => await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default))));
        var stored = await store.GetSessionAsync(session.SessionId!, default);

        results.Select(r => (r.Status, r.Reason, r.DecidedAtFrame)).Distinct().Should().ContainSingle()
            .Which.Should().Be((SessionStatus.Passed, ChallengeReason.Passed, (int?)2));
        stored!.Status.Should().Be(SessionStatus.Passed);
        stored.CompletedAt.Should().NotBeNull();
        _analyzer.Calls.Should().Be(3, "no frame is analysed twice, whatever the number of verifies");
    }

    [Test]
    public async Task VerifyAsync_TransientAnalyzerFaults_AreRetried()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        _analyzer.FailNext(2);
        await SubmitPassingFramesAsync(service, session);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Succeeded.Should().BeTrue();
    }

    [Test]
    public async Task VerifyAsync_AnalyzerDownThenBack_ThrowsOnceThenVerifiesWithNothingLost()
    {
        _configure = o => o.AnalysisMaxRetries = 1;
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        _analyzer.FailNext(1000);
        for (var i = 0; i < 3; i++)
        {
            (await SubmitAsync(service, session, i)).Succeeded.Should().BeTrue();
        }

        var failing = async () => await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);
        await failing.Should().ThrowAsync<FaceVerificationException>();
        (await service.GetSessionAsync(session.SessionId!, default))!.IsFinal.Should().BeFalse("an infrastructure fault completes nothing");

        _analyzer.FailNext(0);
        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Succeeded.Should().BeTrue("every accepted frame was kept and analysed on the retry");
        result.DecidedAtFrame.Should().Be(2);
    }

    [Test]
    public async Task SubmitFrameAsync_InvalidFrames_AreRefusedWithTheirReason()
    {
        _configure = o => o.MaxFrameBytes = 4096;
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        var jpeg = TestFrames.Jpeg(Size, Size, 1);

        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), ReadOnlyMemory<byte>.Empty, default)).Reason.Should().Be(FrameSubmissionReason.Empty);
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), jpeg.AsMemory(0, jpeg.Length - 5), default)).Reason.Should().Be(FrameSubmissionReason.Corrupt);
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), "not an image"u8.ToArray(), default)).Reason.Should().Be(FrameSubmissionReason.UnsupportedFormat);
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), TestFrames.Png(Size, Size + 1), default)).Reason.Should().Be(FrameSubmissionReason.WrongDimensions);
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), new byte[4097], default)).Reason.Should().Be(FrameSubmissionReason.TooLarge);
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), jpeg, default)).Succeeded.Should().BeTrue();
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), jpeg, default)).Reason.Should().Be(FrameSubmissionReason.Duplicate);
        (await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), TestFrames.Png(Size, Size, 2), default)).Succeeded.Should().BeTrue("PNG frames of the right size are accepted");
    }

    [Test]
    public async Task SubmitFrameAsync_TokenProblems_AreRefused()
    {
        using var provider = Build();
        var service = Service(provider);
        var mine = await StartAsync(service);
        var other = await StartAsync(service, "mallory");
        var frame = TestFrames.Jpeg(Size, Size);

        (await service.SubmitFrameAsync(mine.SessionId!, new SessionAccess(null), frame, default)).AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        (await service.SubmitFrameAsync(mine.SessionId!, new SessionAccess(other.SessionToken), frame, default)).AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        (await service.SubmitFrameAsync(mine.SessionId!, new SessionAccess(mine.SessionToken + "x"), frame, default)).AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        (await service.VerifyAsync(mine.SessionId!, new SessionAccess(other.SessionToken), default)).AccessReason.Should().Be(SessionAccessReason.InvalidToken);
    }

    [Test]
    public async Task SubmitFrameAsync_PastTheFrameLimit_IsRefused()
    {
        _configure = o => o.MaxFramesPerSession = 2;
        _analyzer = ScriptedFaceAnalyzer.ByVariant(_ => []);
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);

        var results = new List<FrameSubmissionReason>();
        for (var i = 0; i < 3; i++)
        {
            results.Add((await SubmitAsync(service, session, i)).Reason);
        }

        results.Should().Equal(FrameSubmissionReason.None, FrameSubmissionReason.None, FrameSubmissionReason.TooManyFrames);
    }

    [Test]
    public async Task SubmitFrameAsync_AfterCompletionOrExpiry_IsRefused()
    {
        using var provider = Build();
        var service = Service(provider);
        var completed = await StartAsync(service);
        await service.VerifyAsync(completed.SessionId!, new SessionAccess(completed.SessionToken), default);
        var expiring = await StartAsync(service);
        _time.Advance(TimeSpan.FromMinutes(3));

        (await SubmitAsync(service, completed, 1)).Reason.Should().Be(FrameSubmissionReason.SessionClosed);
        var late = await SubmitAsync(service, expiring, 1);
        late.Succeeded.Should().BeFalse();
        (late.Reason == FrameSubmissionReason.SessionClosed || late.AccessReason == SessionAccessReason.InvalidToken).Should().BeTrue(late.ToString());
    }

    [Test]
    public async Task SubmitFrameAsync_StoresBytesUnderTheRecordedKey()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        var frame = TestFrames.Jpeg(Size, Size, 7);

        await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), frame, default);
        var records = await provider.GetRequiredService<IAttemptStore>().GetFramesAsync(session.SessionId!, default);
        var bytes = await provider.GetRequiredService<IFrameStore>().GetAsync(records.Single().StorageKey, default);

        bytes.Should().Equal(frame);
        records.Single().ReceivedAt.Should().Be(_time.GetUtcNow(), "frames carry the server's receive time");
    }

    [Test]
    public async Task RedeemResultAsync_SecondRedemption_Fails()
    {
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);
        var again = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        var first = await service.RedeemResultAsync(result.ResultToken!.Token, default);
        var second = await service.RedeemResultAsync(result.ResultToken.Token, default);
        var viaSecondToken = await service.RedeemResultAsync(again.ResultToken!.Token, default);

        first.Succeeded.Should().BeTrue();
        first.Claims!.Passed.Should().BeTrue();
        first.Claims.UserId.Should().Be("alice");
        second.Reason.Should().Be(TokenValidationReason.AlreadyRedeemed);
        viaSecondToken.Reason.Should().Be(TokenValidationReason.AlreadyRedeemed, "a session's result is redeemed once, whichever token carries it");
    }

    [Test]
    public void Build_InvalidOptions_FailsAtStartWithTheSettingName()
    {
        _configure = o =>
        {
            o.MinFrameSize = 800;
            o.MaxFrameSize = 400;
        };
        using var provider = Build();

        var act = () => provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*FaceVerify:MinFrameSize*");
    }

    [Test]
    public async Task VerifyAsync_ComparerSaysAnotherPersonFinished_FailsWithIdentityMismatch()
    {
        var comparer = new FakeFaceComparer { Similarity = 40 };
        _extra = b => b.UseFaceComparer(comparer);
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Status.Should().Be(SessionStatus.Failed);
        result.Reason.Should().Be(ChallengeReason.IdentityMismatch);
        comparer.Calls.Should().BeInRange(1, 2, "the two frames before the deciding one are compared with it, stopping at the first mismatch");
    }

    [Test]
    public async Task VerifyAsync_ComparerSaysSamePerson_Passes()
    {
        var comparer = new FakeFaceComparer { Similarity = 97 };
        _extra = b => b.UseFaceComparer(comparer);
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        (await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default)).Succeeded.Should().BeTrue();
    }

    [Test]
    public async Task VerifyAsync_PresentationAttackDetectorVetoes_FailsWithSpoofSuspected()
    {
        _extra = b => b.AddPresentationAttackDetector<VetoingDetector>();
        using var provider = Build();
        var service = Service(provider);
        var session = await StartAsync(service);
        await SubmitPassingFramesAsync(service, session);

        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Reason.Should().Be(ChallengeReason.SpoofSuspected);
        result.Detail.Should().Contain("screen");
    }

    private sealed class VetoingDetector : IPresentationAttackDetector
    {
        public async ValueTask<PresentationAttackVerdict> EvaluateAsync(PresentationAttackArguments arguments, CancellationToken cancellationToken)
        {
            arguments.Frames.Should().HaveCount(3);
            var image = await arguments.LoadImage(arguments.Frames[0], cancellationToken);
            image.Content.Length.Should().BePositive();
            return new PresentationAttackVerdict(true, 0.97, "moire pattern of a screen");
        }
    }

    private sealed class ServiceCollectionBuilder(IServiceCollection services) : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 500; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(10);
        }

        Assert.Fail("The condition was not met within 5 seconds.");
    }
}
