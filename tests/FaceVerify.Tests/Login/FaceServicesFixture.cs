using FaceVerify.Testing;
using FaceVerify.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Tests.Login;

/// <summary>A composed FaceVerify (in-memory stores, scripted analyzer, fake collection and comparer, manual clock) for the enrolment and login tests.</summary>
internal sealed class FaceServicesFixture : IDisposable
{
    public const int Size = 480;

    private readonly ServiceProvider _provider;

    public FaceServicesFixture(Func<int, IReadOnlyList<FaceDetails>>? faces = null, Action<FaceVerificationOptions>? configure = null, Action<IFaceVerificationBuilder>? build = null)
    {
        Analyzer = ScriptedFaceAnalyzer.ByVariant(faces ?? (_ => [Face.At(0.3, 0.2, 0.4, 0.5).Build()]));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddFaceVerification(o =>
            {
                o.AnalysisRetryDelay = TimeSpan.Zero;
                configure?.Invoke(o);
            })
            .ClearChallenges()
            .AddChallenge<CountingChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(Analyzer)
            .UseFaceCollection(Collection)
            .UseFaceComparer(Comparer);
        build?.Invoke(builder);
        _provider = services.BuildServiceProvider();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public ScriptedFaceAnalyzer Analyzer { get; }

    public FakeFaceCollection Collection { get; } = new();

    public FakeFaceComparer Comparer { get; } = new();

    public IChallengeSessionService Sessions => _provider.GetRequiredService<IChallengeSessionService>();

    public IServiceProvider Services => _provider;

    public IFaceLoginService Login => _provider.GetRequiredService<IFaceLoginService>();

    public IFaceEnrolmentService Enrolment => _provider.GetRequiredService<IFaceEnrolmentService>();

    public IAttemptStore Attempts => _provider.GetRequiredService<IAttemptStore>();

    public IFrameStore Frames => _provider.GetRequiredService<IFrameStore>();

    /// <summary>Starts a session for <paramref name="user"/>, submits <paramref name="frames"/> frames and verifies it.</summary>
    public async Task<(string SessionId, VerificationResult Result)> RunSessionAsync(string user, int frames = 3, int firstVariant = 0)
    {
        var started = await Sessions.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = Size, FrameHeight = Size }, default);
        for (var i = 0; i < frames; i++)
        {
            await Sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), TestFrames.Jpeg(Size, Size, firstVariant + i), default);
        }

        return (started.SessionId!, await Sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default));
    }

    /// <summary>Enrols <paramref name="photo"/> for <paramref name="user"/> the way the API does: after a passed liveness session of the user.</summary>
    public async Task<EnrolmentResult> EnrolAsync(string user, byte[] photo, int sessionVariant = 500, string? approval = null)
    {
        var (sessionId, verified) = await RunSessionAsync(user, firstVariant: sessionVariant);
        verified.Succeeded.Should().BeTrue(verified.Detail);
        return await Enrolment.EnrolAsync(new EnrolmentRequest { UserId = user, Photo = photo, LivenessSessionId = sessionId, Approval = approval }, default);
    }

    /// <summary>Enrols alice's photo (variant 900), then runs a session of hers with <paramref name="frames"/> frames: the arrangement of most login tests.</summary>
    public async Task<(string SessionId, VerificationResult Result)> EnrolAliceThenRunSessionAsync(int frames = 3)
    {
        (await EnrolAsync("alice", TestFrames.Jpeg(640, 640, 900))).Succeeded.Should().BeTrue();
        return await RunSessionAsync("alice", frames);
    }

    public void Dispose() => _provider.Dispose();
}
