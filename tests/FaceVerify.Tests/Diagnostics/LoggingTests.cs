using System.Collections.Concurrent;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.Tests.Diagnostics;

public class LoggingTests
{
    [Test]
    public async Task AWholeSession_LogsNoTokenUserIdOrImageBytes()
    {
        var sink = new CapturingProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        services.AddFaceVerification(o => o.AnalysisRetryDelay = TimeSpan.Zero)
            .ClearChallenges()
            .AddChallenge<Sessions.CountingChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(ScriptedFaceAnalyzer.ByVariant(_ => [Face.At(0.3, 0.2, 0.4, 0.5).Build()]));
        using var provider = services.BuildServiceProvider();
        var service = provider.GetRequiredService<IChallengeSessionService>();
        const string user = "alice@example.com";

        var session = await service.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = 480, FrameHeight = 480 }, default);
        var frames = Enumerable.Range(0, 3).Select(i => TestFrames.Jpeg(480, 480, i)).ToArray();
        foreach (var frame in frames)
        {
            await service.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), frame, default);
        }

        await service.SubmitFrameAsync(session.SessionId!, new SessionAccess("not-a-token"), frames[0], default);
        var result = await service.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);
        await service.RedeemResultAsync(result.ResultToken!.Token, default);
        await service.RedeemResultAsync(result.ResultToken.Token, default);

        var text = string.Join('\n', sink.Messages);
        sink.Messages.Should().NotBeEmpty("the flow is logged");
        text.Should().Contain(session.SessionId!, "session ids are logged for correlation");
        text.Should().NotContain(session.SessionToken!);
        text.Should().NotContain(result.ResultToken.Token);
        text.Should().NotContain("not-a-token");
        text.Should().NotContain(user, "user ids appear only as opaque ids");
        text.Should().NotContain(Convert.ToBase64String(frames[0]));
        text.Should().Contain(FrameKeys.OpaqueUserId(user));
    }

    [Test]
    public async Task AddFaceVerification_BeforeAddLogging_LogsStillReachTheApplicationsProviders()
    {
        var sink = new CapturingProvider();
        var services = new ServiceCollection();
        services.AddFaceVerification()
            .ClearChallenges()
            .AddChallenge<Sessions.CountingChallenge>()
            .UseInMemoryStores()
            .UseEphemeralSigningKey()
            .UseFaceAnalyzer(ScriptedFaceAnalyzer.ByVariant(_ => []));
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(sink));
        using var provider = services.BuildServiceProvider();

        var session = await provider.GetRequiredService<IChallengeSessionService>().StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = 480, FrameHeight = 480 }, default);

        sink.Messages.Should().Contain(m => m.Contains($"Session {session.SessionId} started", StringComparison.Ordinal), "logging configured after AddFaceVerification() is not silently off");
    }

    [Test]
    public void AddFaceVerification_WithoutAddLogging_ResolvesLoggersThatLogNowhere()
    {
        var services = new ServiceCollection();
        services.AddFaceVerification().UseInMemoryStores().UseEphemeralSigningKey().UseFaceAnalyzer(ScriptedFaceAnalyzer.ByVariant(_ => []));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ILogger<LoggingTests>>().Should().NotBeNull();
        provider.GetRequiredService<IChallengeSessionService>().Should().NotBeNull("FaceVerify works without any logging set up");
    }

    private sealed class CapturingProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capturing(this);

        public void Dispose()
        {
        }

        private sealed class Capturing(CapturingProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(';', pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
                owner.Messages.Enqueue($"{formatter(state, exception)} | {properties} | {exception}");
            }
        }
    }
}
