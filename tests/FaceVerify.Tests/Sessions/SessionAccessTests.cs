using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Tests.Sessions;

/// <summary>
/// The service owns the session access rules (token and caller), so any host — here a plain service provider with no
/// HTTP at all, as a Lambda or a background job would use — gets the same protection as the HTTP endpoints.
/// </summary>
public class SessionAccessTests
{
    private const int Size = 480;
    private static readonly FaceDetails OneFace = new() { Confidence = 99.9, BoundingBox = new BoundingBox(0.4, 0.5, 0.3, 0.2) };

    private static ServiceProvider Build()
    {
        var services = new ServiceCollection();
        services.AddFaceVerification(o => o.AnalysisRetryDelay = TimeSpan.Zero)
            .ClearChallenges()
            .AddChallenge<CountingChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(ScriptedFaceAnalyzer.ByVariant(_ => [OneFace]));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static async Task<StartChallengeResult> StartAsync(IChallengeSessionService service, string user)
    {
        var started = await service.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = Size, FrameHeight = Size }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        return started;
    }

    [Test]
    public async Task SubmitAndVerify_SignedInCallerWithAnotherUsersStolenToken_AreDeniedAndChangeNothing()
    {
        using var provider = Build();
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var alices = await StartAsync(service, "alice");
        var stolen = new SessionAccess(alices.SessionToken, UserId: "mallory");

        var frame = await service.SubmitFrameAsync(alices.SessionId!, stolen, TestFrames.Jpeg(Size, Size, 0), default);
        var verify = await service.VerifyAsync(alices.SessionId!, stolen, default);

        frame.Succeeded.Should().BeFalse();
        frame.AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        verify.Succeeded.Should().BeFalse();
        verify.AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        verify.ResultToken.Should().BeNull("a denied verify proves nothing");
        var session = await service.GetSessionAsync(alices.SessionId!, default);
        session!.Status.Should().Be(SessionStatus.Created, "mallory's calls stored no frame and completed nothing");
    }

    [Test]
    public async Task SubmitAndVerify_SecondUsersOwnToken_OnSomeoneElsesSession_AreDenied()
    {
        using var provider = Build();
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var alices = await StartAsync(service, "alice");
        var mallorys = await StartAsync(service, "mallory");
        var mallory = new SessionAccess(mallorys.SessionToken, UserId: "mallory");

        (await service.SubmitFrameAsync(alices.SessionId!, mallory, TestFrames.Jpeg(Size, Size, 0), default)).AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        (await service.VerifyAsync(alices.SessionId!, mallory, default)).AccessReason.Should().Be(SessionAccessReason.InvalidToken);
        (await service.GetSessionAsync(alices.SessionId!, default))!.Status.Should().Be(SessionStatus.Created);
    }

    [Test]
    public async Task SubmitAndVerify_OwnerSignedInOrAnonymousWithTheToken_Pass()
    {
        using var provider = Build();
        var service = provider.GetRequiredService<IChallengeSessionService>();
        var signedIn = await StartAsync(service, "alice");
        var anonymous = await StartAsync(service, "alice");

        foreach (var (session, access) in new[] { (signedIn, new SessionAccess(signedIn.SessionToken, UserId: "alice")), (anonymous, new SessionAccess(anonymous.SessionToken)) })
        {
            for (var i = 0; i < 3; i++)
            {
                (await service.SubmitFrameAsync(session.SessionId!, access, TestFrames.Jpeg(Size, Size, i), default)).Succeeded.Should().BeTrue();
            }

            var verify = await service.VerifyAsync(session.SessionId!, access, default);
            verify.Succeeded.Should().BeTrue($"{verify.Reason} {verify.Detail}");
        }
    }

    [Test]
    public void ToString_NeverShowsTheTokenOrTheUser()
    {
        var access = new SessionAccess("secret.token.value", UserId: "alice@example.com");

        access.ToString().Should().NotContain("secret").And.NotContain("alice");
    }
}
