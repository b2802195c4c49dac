using FaceVerify.Testing;
using FaceVerify.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;

namespace FaceVerify.Tests.Sessions.Expiry;

public sealed class SessionExpirySweeperTests
{
    private const int Size = 480;

    [Test]
    public async Task SweepAsync_SessionAbandonedAfterFrames_RecordedExpiredAndCountedOnce()
    {
        using var host = new Instance();
        using var completed = host.CompletedCollector();
        var sessionId = await host.StartAbandonedAsync(frames: 2);
        host.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var swept = await host.Sweeper.SweepAsync(default);

        swept.Should().Be(1);
        var session = await host.Attempts.GetSessionAsync(sessionId, default);
        session!.Status.Should().Be(SessionStatus.Expired);
        session.Outcome!.Reason.Should().Be(ChallengeReason.SessionExpired);
        var measurement = completed.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        measurement.Value.Should().Be(1);
        measurement.Tags.Should().Contain(new KeyValuePair<string, object?>("faceverify.outcome", "expired"))
            .And.Contain(new KeyValuePair<string, object?>("faceverify.reason", "session_expired"))
            .And.Contain(new KeyValuePair<string, object?>("faceverify.challenge.type", CountingChallenge.Name))
            .And.Contain(new KeyValuePair<string, object?>("faceverify.completed_by", "expiry"));
    }

    [Test]
    public async Task SweepAsync_SessionNotExpiredYet_LeftOpen()
    {
        using var host = new Instance();
        var sessionId = await host.StartAbandonedAsync(frames: 1);
        host.Time.Advance(TimeSpan.FromMinutes(3) - TimeSpan.FromSeconds(1));

        (await host.Sweeper.SweepAsync(default)).Should().Be(0);

        (await host.Attempts.GetSessionAsync(sessionId, default))!.Status.Should().Be(SessionStatus.Collecting);
    }

    [Test]
    public async Task SweepAsync_SessionVerifiedBeforeExpiry_KeepsItsOutcomeAndCountsNothing()
    {
        using var host = new Instance();
        using var completed = host.CompletedCollector();
        var (sessionId, token) = await host.StartAsync(frames: 3);
        var verified = await host.Sessions.VerifyAsync(sessionId, new SessionAccess(token), default);
        host.Time.Advance(TimeSpan.FromMinutes(10));

        (await host.Sweeper.SweepAsync(default)).Should().Be(0);

        verified.Status.Should().Be(SessionStatus.Passed);
        (await host.Attempts.GetSessionAsync(sessionId, default))!.Status.Should().Be(SessionStatus.Passed);
        completed.GetMeasurementSnapshot().Should().ContainSingle(m => m.Tags.Contains(new KeyValuePair<string, object?>("faceverify.completed_by", "verify")));
    }

    [Test]
    public async Task SweepAsync_VerifyAfterSweep_ReturnsTheExpiredOutcomeAndCountsNoSecondCompletion()
    {
        using var host = new Instance();
        using var completed = host.CompletedCollector();
        var (sessionId, token) = await host.StartAsync(frames: 1);
        host.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1)); // the session token's clock skew (2 s) still accepts it
        await host.Sweeper.SweepAsync(default);

        var verified = await host.Sessions.VerifyAsync(sessionId, new SessionAccess(token), default);

        verified.Status.Should().Be(SessionStatus.Expired);
        verified.Reason.Should().Be(ChallengeReason.SessionExpired);
        completed.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(1);
    }

    [Test]
    public async Task SweepAsync_ThreeInstancesSweepOneStoreAtOnce_EachSessionCompletedAndCountedExactlyOnce()
    {
        // Three "instances" (service providers) share one attempt store, as API instances share a DynamoDB table.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var store = new InMemoryAttemptStore(time);
        using var a = new Instance(time, store);
        using var b = new Instance(time, store);
        using var c = new Instance(time, store);
        using var countA = a.CompletedCollector();
        using var countB = b.CompletedCollector();
        using var countC = c.CompletedCollector();
        var ids = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add(await (i % 3 == 0 ? a : i % 3 == 1 ? b : c).StartAbandonedAsync(frames: i % 4));
        }

        time.Advance(TimeSpan.FromMinutes(5));
        var swept = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () => await (i % 3 == 0 ? a : i % 3 == 1 ? b : c).Sweeper.SweepAsync(default))));

        swept.Sum().Should().Be(30, "each completion is won by exactly one sweeper");
        var counted = countA.GetMeasurementSnapshot().Concat(countB.GetMeasurementSnapshot()).Concat(countC.GetMeasurementSnapshot()).Sum(m => m.Value);
        counted.Should().Be(30);
        foreach (var id in ids)
        {
            (await store.GetSessionAsync(id, default))!.Status.Should().Be(SessionStatus.Expired);
        }
    }

    [Test]
    public async Task SweepAsync_BatchSizeTwo_SweepsTwoPerCall()
    {
        using var host = new Instance(configure: s => s.Configure<SessionExpiryOptions>(o => o.BatchSize = 2));
        for (var i = 0; i < 5; i++)
        {
            await host.StartAbandonedAsync(frames: 0);
        }

        host.Time.Advance(TimeSpan.FromMinutes(4));

        (await host.Sweeper.SweepAsync(default)).Should().Be(2);
        (await host.Sweeper.SweepAsync(default)).Should().Be(2);
        (await host.Sweeper.SweepAsync(default)).Should().Be(1);
        (await host.Sweeper.SweepAsync(default)).Should().Be(0);
    }

    [Test]
    public async Task HostedService_IntervalElapses_SweepsWithoutAnyVerify()
    {
        using var host = new Instance();
        var sessionId = await host.StartAbandonedAsync(frames: 1);
        var service = host.Provider.GetServices<IHostedService>().OfType<SessionExpiryHostedService>().Single();
        await service.StartAsync(default);
        try
        {
            // The service creates its timer on a background thread (BackgroundService), so keep moving the clock one
            // interval at a time until the sweep ran; bounded, and no fixed sleep decides the result.
            SessionStatus? status = null;
            for (var i = 0; i < 300 && status != SessionStatus.Expired; i++)
            {
                host.Time.Advance(TimeSpan.FromMinutes(1));
                await Task.Delay(10);
                status = (await host.Attempts.GetSessionAsync(sessionId, default))!.Status;
            }

            status.Should().Be(SessionStatus.Expired);
        }
        finally
        {
            await service.StopAsync(default);
        }
    }

    [Test]
    public void AddFaceVerification_ExpiryIntervalZero_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddFaceVerification().UseInMemoryStores().UseEphemeralSigningKey();
        services.Configure<SessionExpiryOptions>(o => o.Interval = TimeSpan.Zero);
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<SessionExpiryOptions>>().Value;

        act.Should().Throw<Microsoft.Extensions.Options.OptionsValidationException>().WithMessage("*FaceVerify:Expiry:Interval*");
    }

    /// <summary>One FaceVerify instance (its own service provider and meter) over a store that may be shared.</summary>
    private sealed class Instance : IDisposable
    {
        public Instance(FakeTimeProvider? time = null, IAttemptStore? store = null, Action<IServiceCollection>? configure = null)
        {
            Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(Time);
            var builder = services.AddFaceVerification(o => o.AnalysisRetryDelay = TimeSpan.Zero)
                .ClearChallenges()
                .AddChallenge<CountingChallenge>()
                .UseInMemoryStores()
                .UseEphemeralSigningKey()
                .UseFaceAnalyzer(ScriptedFaceAnalyzer.Always(new FaceAnalysis([Face.At(0.3, 0.2, 0.4, 0.5).Build()])));
            if (store is not null)
            {
                services.AddSingleton(store);
            }

            configure?.Invoke(services);
            Provider = services.BuildServiceProvider();
        }

        public FakeTimeProvider Time { get; }

        public ServiceProvider Provider { get; }

        public IChallengeSessionService Sessions => Provider.GetRequiredService<IChallengeSessionService>();

        public ISessionExpirySweeper Sweeper => Provider.GetRequiredService<ISessionExpirySweeper>();

        public IAttemptStore Attempts => Provider.GetRequiredService<IAttemptStore>();

        public MetricCollector<long> CompletedCollector()
            => new(Provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), FaceVerifyTelemetry.Name, "faceverify.sessions.completed");

        public async Task<(string SessionId, string Token)> StartAsync(int frames)
        {
            var started = await Sessions.StartAsync(new StartChallengeRequest { UserId = "user-" + Guid.NewGuid().ToString("N"), FrameWidth = Size, FrameHeight = Size }, default);
            started.Succeeded.Should().BeTrue();
            for (var i = 0; i < frames; i++)
            {
                (await Sessions.SubmitFrameAsync(started.SessionId!, new SessionAccess(started.SessionToken), TestFrames.Jpeg(Size, Size, i), default)).Succeeded.Should().BeTrue();
            }

            return (started.SessionId!, started.SessionToken!);
        }

        public async Task<string> StartAbandonedAsync(int frames) => (await StartAsync(frames)).SessionId;

        public void Dispose() => Provider.Dispose();
    }
}
