using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Hosting;
using FaceVerify.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.CognitoTriggers.Tests.Infrastructure;

/// <summary>
/// The triggers composed the way the AWS composition root does it, but over FaceVerify's in-memory stores, a scripted
/// analyzer (frame variant 0–99: one good face; 100–199: two faces; 200+: no face), a fake face collection, a fake face
/// comparer and a manual clock. <see cref="RunChallengeAsync"/> plays the client running the challenge against the FaceVerify API.
/// </summary>
internal sealed class TriggerTestHost : IDisposable
{
    public const int TwoFaces = 100;
    public const int NoFace = 200;

    private static readonly FaceDetails GoodFace = new() { Confidence = 99.9, BoundingBox = new BoundingBox(0.4, 0.5, 0.3, 0.2) };
    private readonly ServiceProvider _provider;

    public TriggerTestHost(Action<FaceVerificationOptions>? configure = null, Action<CognitoTriggerOptions>? configureTriggers = null, bool failingAttemptStore = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<TimeProvider>(Time);
        services.AddFaceVerification(o =>
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
        services.AddCognitoTriggers(o =>
        {
            o.UploadBucket = Fixtures.UploadBucket;
            o.ApiUrl = "https://faceverify.example.com";
            configureTriggers?.Invoke(o);
        });
        services.AddSingleton<IUploadStore>(Uploads);
        if (failingAttemptStore)
        {
            // Decorate the in-memory store UseInMemoryStores registered (its type is internal to FaceVerify).
            var inMemory = services.Last(d => d.ServiceType == typeof(IAttemptStore));
            services.Remove(inMemory);
            services.AddSingleton<IAttemptStore>(sp => new FailingAttemptStore((IAttemptStore)inMemory.ImplementationFactory!(sp)));
        }

        Comparer.SimilarityFunction = (_, target) => target.Format == ImageFormat.Png ? ReferenceSimilarity : 99;
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        StartupValidation.Run(_provider);
    }

    public ManualTimeProvider Time { get; } = new();

    public ScriptedFaceAnalyzer Analyzer { get; } = ScriptedFaceAnalyzer.ByVariant(v => v switch
    {
        < TwoFaces => [GoodFace],
        < NoFace => [GoodFace, GoodFace],
        _ => [],
    });

    public FakeFaceCollection Collection { get; } = new();

    /// <summary>
    /// Face login compares session frames (JPEG) with the enrolled reference (a PNG, see <see cref="EnrolAsync"/>):
    /// frames compared with frames (the identity check at verify) score 99, frames compared with the reference
    /// <see cref="ReferenceSimilarity"/>.
    /// </summary>
    public FakeFaceComparer Comparer { get; } = new();

    /// <summary>The similarity of any frame to the enrolled reference. Default: 99.</summary>
    public double ReferenceSimilarity { get; set; } = 99;

    public PostAuthenticationHandler PostAuthentication => _provider.GetRequiredService<PostAuthenticationHandler>();

    public InMemoryUploadStore Uploads { get; } = new();

    public IServiceProvider Services => _provider;

    public DefineAuthChallengeHandler Define => _provider.GetRequiredService<DefineAuthChallengeHandler>();

    public CreateAuthChallengeHandler Create => _provider.GetRequiredService<CreateAuthChallengeHandler>();

    public VerifyAuthChallengeResponseHandler Verify => _provider.GetRequiredService<VerifyAuthChallengeResponseHandler>();

    public PreSignUpHandler PreSignUp => _provider.GetRequiredService<PreSignUpHandler>();

    public EnrolmentUploadHandler Enrolment => _provider.GetRequiredService<EnrolmentUploadHandler>();

    public IChallengeSessionService Sessions => _provider.GetRequiredService<IChallengeSessionService>();

    /// <summary>Plays the client of the FaceVerify API: starts a session for <paramref name="sub"/>, sends three good frames and verifies. Returns the (passed) session id.</summary>
    public async Task<string> PassLivenessAsync(string sub, int width = 480, int height = 480)
    {
        var started = await Sessions.StartAsync(new StartChallengeRequest { UserId = sub, FrameWidth = width, FrameHeight = height }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        for (var i = 0; i < 3; i++)
        {
            await Sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), TestFrames.Jpeg(width, height, i), default);
        }

        (await Sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default)).Succeeded.Should().BeTrue();
        return started.SessionId!;
    }

    /// <summary>Enrols a user directly, the way the enrolment handler does after an upload: a passed liveness session, then the photo.</summary>
    public async Task EnrolAsync(string sub)
    {
        var sessionId = await PassLivenessAsync(sub);
        var outcome = await _provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync(new EnrolmentRequest { UserId = sub, Photo = TestFrames.Png(480, 480, 1), LivenessSessionId = sessionId }, default);
        outcome.Succeeded.Should().BeTrue(outcome.Detail);
    }

    /// <summary>
    /// Plays the client: sends <paramref name="frames"/> frames of the challenge's size (variants from
    /// <paramref name="variant"/>) to the session with its token, then verifies. Returns the session id (the answer).
    /// </summary>
    public async Task<string> RunChallengeAsync(IReadOnlyDictionary<string, string> challenge, int frames = 3, int variant = 0)
    {
        var sessionId = challenge["sessionId"];
        var token = challenge["sessionToken"];
        var width = int.Parse(challenge["frameWidth"], System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(challenge["frameHeight"], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < frames; i++)
        {
            await Sessions.SubmitFrameAsync(sessionId, new SessionAccess(token), TestFrames.Jpeg(width, height, variant + i), default);
        }

        await Sessions.VerifyAsync(sessionId, new SessionAccess(token), default);
        return sessionId;
    }

    public void Dispose() => _provider.Dispose();
}
