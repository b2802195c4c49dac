using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Testing.Tests.Sessions;

/// <summary>The sequences driven through a whole session of the real service: analyzer, stores, tokens, clock.</summary>
public class ChallengeSessionServiceTestExtensionsTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ScriptedFaceAnalyzer _analyzer = ScriptedFaceAnalyzer.Always(FaceAnalysis.NoFaces);
    private readonly FakeFaceComparer _comparer = new();

    private ServiceProvider Build(string challengeType)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddFaceVerification(o =>
            {
                o.AllowClientChallengeType = true;
                o.AnalysisRetryDelay = TimeSpan.Zero;
            })
            .UseRecordingInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(_analyzer)
            .UseFaceComparer(_comparer);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static async Task<StartChallengeResult> StartAsync(IChallengeSessionService service, string type, int width = 640, int height = 480)
    {
        var started = await service.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = width, FrameHeight = height, ChallengeType = type }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        return started;
    }

    [Test]
    public async Task NoseGenuine_ThroughTheService_PassesAtTheLastFrameWithAResultToken()
    {
        await using var provider = Build("nose");
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var started = await StartAsync(service, "nose");
        var parameters = ChallengeHarness.FromJson<NoseChallengeParameters>(started.Parameters!.Value);
        var frames = NoseSequences.Genuine(parameters);
        _analyzer.Play(frames);

        var submitted = await service.SubmitFramesAsync(started, frames, _clock);
        var result = await service.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);

        submitted.Should().OnlyContain(s => s.Succeeded);
        result.Succeeded.Should().BeTrue($"{result.Reason} {result.Detail}");
        result.DecidedAtFrame.Should().Be(frames.Count - 1);
        result.ResultToken.Should().NotBeNull();
        _comparer.Calls.Should().BePositive("the identity consistency check compares faces of the session");
    }

    [Test]
    public async Task NoseRigidPhoto_ThroughTheService_FailsWithInsufficientLandmarkMovement()
    {
        await using var provider = Build("nose");
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var started = await StartAsync(service, "nose");
        var frames = NoseSequences.RigidPhoto(ChallengeHarness.FromJson<NoseChallengeParameters>(started.Parameters!.Value));
        _analyzer.Play(frames);

        await service.SubmitFramesAsync(started, frames, _clock);
        var result = await service.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);

        result.Status.Should().Be(SessionStatus.Failed);
        result.Reason.Should().Be(ChallengeReason.InsufficientLandmarkMovement);
        result.Succeeded.Should().BeFalse();
    }

    [Test]
    public async Task NoseStaticFace_TheClockMovesWithTheOffsets_FailsWithStateTimeout()
    {
        await using var provider = Build("nose");
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var started = await StartAsync(service, "nose");
        var frames = NoseSequences.StaticFace(ChallengeHarness.FromJson<NoseChallengeParameters>(started.Parameters!.Value));
        _analyzer.Play(frames);
        var before = _clock.GetUtcNow();

        await service.SubmitFramesAsync(started, frames, _clock);
        var result = await service.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);

        (_clock.GetUtcNow() - before).Should().Be(frames.Duration);
        result.Reason.Should().Be(ChallengeReason.StateTimeout);
    }

    [Test]
    public async Task PoseGenuine_ThroughTheService_Passes_AndTheStoresRecordedOneCompletion()
    {
        await using var provider = Build("pose");
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var started = await StartAsync(service, "pose", 480, 480);
        var frames = PoseSequences.Genuine(ChallengeHarness.FromJson<PoseChallengeParameters>(started.Parameters!.Value));
        _analyzer.Play(frames);

        await service.SubmitFramesAsync(started, frames, _clock);
        var result = await service.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
        var again = await service.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);

        result.Succeeded.Should().BeTrue($"{result.Reason} {result.Detail}");
        again.Reason.Should().Be(ChallengeReason.Passed);
        var attempts = provider.GetRequiredService<RecordingAttemptStore>();
        attempts.Calls.Where(c => c.Operation == "CompleteSession" && c.Key == started.SessionId).Should().NotBeEmpty();
        attempts.Calls.Count(c => c.Operation == "TryAppendFrame" && c.Result!.StartsWith("Appended", StringComparison.Ordinal)).Should().BeInRange(1, frames.Count);
        provider.GetRequiredService<RecordingFrameStore>().CallsTo("Put").Should().BeInRange(1, frames.Count);
        provider.GetRequiredService<IAttemptStore>().Should().BeSameAs(attempts);
    }

    [Test]
    public async Task SubmitFramesAsync_WithoutClock_UploadsEveryFrame()
    {
        await using var provider = Build("pose");
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var started = await StartAsync(service, "pose", 480, 480);
        var frames = PoseSequences.NeutralPhoto(ChallengeHarness.FromJson<PoseChallengeParameters>(started.Parameters!.Value), TimeSpan.FromSeconds(1));
        var before = _clock.GetUtcNow();

        var submitted = await service.SubmitFramesAsync(started, frames);

        submitted.Should().HaveCount(frames.Count);
        _clock.GetUtcNow().Should().Be(before);
    }

    [Test]
    public async Task SubmitFramesAsync_SessionNotStarted_Throws()
    {
        await using var provider = Build("pose");
        var service = provider.GetRequiredService<IChallengeSessionService>();

        await service.Invoking(s => s.SubmitFramesAsync(new StartChallengeResult { Reason = StartChallengeReason.LockedOut }, FrameSequence.Create(480, 480)))
            .Should().ThrowAsync<ArgumentException>();
    }
}
