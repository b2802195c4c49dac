using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Benchmarks;

/// <summary>
/// Cost and allocations of FaceVerify's tokens (HS256 JWTs through <see cref="IFaceVerificationTokens"/>, resolved from
/// <c>AddFaceVerification()</c> as an application gets it): issuing a session token (once per session, at start),
/// validating it (on every frame upload and at verify), and issuing a result token (once per verify). Figures and the
/// command that produced them: docs/performance.md.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private ServiceProvider _provider = null!;
    private IFaceVerificationTokens _tokens = null!;
    private ChallengeSession _session = null!;
    private ChallengeSession _completed = null!;
    private string _sessionToken = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var services = new ServiceCollection();
        services.AddFaceVerification().UseInMemoryStores().UseEphemeralSigningKey();
        _provider = services.BuildServiceProvider();
        _tokens = _provider.GetRequiredService<IFaceVerificationTokens>();
        var now = DateTimeOffset.UtcNow;
        using var parameters = JsonDocument.Parse("""{"imageWidth":480,"imageHeight":480}""");
        _session = new ChallengeSession
        {
            Id = "Xw3q9Yk2TqGmJd0b8sLr1A",
            UserId = "user-0123456789",
            ChallengeType = "nose",
            Parameters = parameters.RootElement.Clone(),
            FrameWidth = 480,
            FrameHeight = 480,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(3),
            RetainUntil = now.AddHours(24),
            Status = SessionStatus.Collecting,
        };
        _completed = _session with { Status = SessionStatus.Passed, Outcome = new SessionOutcome(SessionStatus.Passed, ChallengeReason.Passed, 59), CompletedAt = now };
        _sessionToken = _tokens.IssueSessionToken(_session);
        if (!_tokens.ValidateSessionToken(_sessionToken, _session.Id).Succeeded)
        {
            throw new InvalidOperationException("The benchmark's session token does not validate.");
        }
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _provider.Dispose();

    /// <summary>At start: one per session.</summary>
    [Benchmark]
    public string IssueSessionToken() => _tokens.IssueSessionToken(_session);

    /// <summary>On every frame upload and at verify.</summary>
    [Benchmark]
    public SessionTokenValidation ValidateSessionToken() => _tokens.ValidateSessionToken(_sessionToken, _session.Id);

    /// <summary>At verify: one per verify call.</summary>
    [Benchmark]
    public IssuedResultToken IssueResultToken() => _tokens.IssueResultToken(_completed);
}
