using System.Diagnostics;
using System.Diagnostics.Metrics;
using FaceVerify.Testing;
using FaceVerify.Tests.Diagnostics.HealthChecks;
using FaceVerify.Tests.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace FaceVerify.Tests.Diagnostics;

/// <summary>The FaceVerify meter (per service provider, through IMeterFactory), spans and log EventIds, read with the collectors of Microsoft.Extensions.Diagnostics.Testing.</summary>
[NonParallelizable] // the ActivityListener sees the process-wide activity source
public sealed class TelemetryTests
{
    private const int Size = 480;

    [Test]
    public async Task Session_StartFramesVerify_CountsWithUnitsAndTags()
    {
        using var host = new Host();
        using var started = host.Collect<long>("faceverify.sessions.started");
        using var accepted = host.Collect<long>("faceverify.frames.accepted");
        using var rejected = host.Collect<long>("faceverify.frames.rejected");
        using var completed = host.Collect<long>("faceverify.sessions.completed");
        using var duration = host.Collect<double>("faceverify.session.duration");
        using var analyzer = host.Collect<double>("faceverify.analyzer.call.duration");
        using var store = host.Collect<double>("faceverify.store.call.duration");

        var session = await host.Sessions.StartAsync(new StartChallengeRequest { UserId = "alice", FrameWidth = Size, FrameHeight = Size }, default);
        for (var i = 0; i < 3; i++)
        {
            await host.Sessions.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), TestFrames.Jpeg(Size, Size, i), default);
        }

        await host.Sessions.SubmitFrameAsync(session.SessionId!, new SessionAccess(session.SessionToken), TestFrames.Jpeg(Size, Size, 0), default);
        host.Time.Advance(TimeSpan.FromSeconds(4));
        var result = await host.Sessions.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        result.Status.Should().Be(SessionStatus.Passed);
        started.Instrument!.Unit.Should().Be("{session}");
        started.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags.Should().Contain(Tag("faceverify.challenge.type", CountingChallenge.Name));
        accepted.GetMeasurementSnapshot().Sum(m => m.Value).Should().Be(3);
        accepted.Instrument!.Unit.Should().Be("{frame}");
        rejected.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags.Should().Contain(Tag("faceverify.reason", "duplicate"));
        var outcome = completed.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        outcome.Tags.Should().Contain(Tag("faceverify.outcome", "passed")).And.Contain(Tag("faceverify.reason", "passed")).And.Contain(Tag("faceverify.completed_by", "verify"));
        duration.Instrument!.Unit.Should().Be("s");
        duration.GetMeasurementSnapshot().Should().ContainSingle().Which.Value.Should().Be(4, "the session ran 4 s of server time");
        analyzer.Instrument!.Unit.Should().Be("s");
        analyzer.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(m => m.Tags.Contains(Tag("faceverify.outcome", "success")));
        store.Instrument!.Unit.Should().Be("s");
        var operations = store.GetMeasurementSnapshot().Select(m => (string)m.Tags["faceverify.operation"]!).ToList();
        operations.Should().Contain(["TryCreateSession", "TryAppendFrame", "SaveAnalysis", "CompleteSession", "Put"]);
        store.GetMeasurementSnapshot().Should().OnlyContain(m => Equals(m.Tags["faceverify.outcome"], "success"));
    }

    [Test]
    public async Task Meter_TwoServiceProviders_EachCollectorSeesOnlyItsOwn()
    {
        using var first = new Host();
        using var second = new Host();
        using var firstStarted = first.Collect<long>("faceverify.sessions.started");

        await second.Sessions.StartAsync(new StartChallengeRequest { UserId = "bob", FrameWidth = Size, FrameHeight = Size }, default);

        firstStarted.GetMeasurementSnapshot().Should().BeEmpty("the meter comes from each provider's IMeterFactory");
    }

    [Test]
    public async Task StoreFault_CountedAsFailureAndSpanMarkedError()
    {
        using var host = new Host(s => s.Replace(ServiceDescriptor.Singleton<IAttemptStore>(new UnreachableAttemptStore())));
        using var store = host.Collect<double>("faceverify.store.call.duration");
        using var spans = new SpanRecorder();

        var act = () => host.Sessions.StartAsync(new StartChallengeRequest { UserId = "carol", FrameWidth = Size, FrameHeight = Size }, default).AsTask();

        await act.Should().ThrowAsync<HttpRequestException>();
        store.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags.Should().Contain(Tag("faceverify.outcome", "failure"));
        var span = spans.Stopped.Should().ContainSingle(a => a.OperationName == "FaceVerify.Store").Subject;
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("error.type").Should().Be(typeof(HttpRequestException).FullName);
        span.StatusDescription.Should().NotContain("127.0.0.1", "exception messages are not put on spans");
    }

    [Test]
    public async Task Verify_Span_CarriesChallengeTypeOutcomeAndReason()
    {
        using var host = new Host();
        using var spans = new SpanRecorder();
        var session = await host.Sessions.StartAsync(new StartChallengeRequest { UserId = "dave", FrameWidth = Size, FrameHeight = Size }, default);

        await host.Sessions.VerifyAsync(session.SessionId!, new SessionAccess(session.SessionToken), default);

        var verify = spans.Stopped.Should().ContainSingle(a => a.OperationName == "FaceVerify.Verify").Subject;
        verify.GetTagItem("faceverify.challenge.type").Should().Be(CountingChallenge.Name);
        verify.GetTagItem("faceverify.outcome").Should().Be("failed");
        verify.GetTagItem("faceverify.reason").Should().Be("no_frames");
        verify.Status.Should().NotBe(ActivityStatusCode.Error, "a failed challenge is an expected outcome, not an error");
        spans.Stopped.Should().Contain(a => a.OperationName == "FaceVerify.Store" && a.ParentSpanId == verify.SpanId, "store calls are child spans");
    }

    [Test]
    public async Task LoginAndEnrolment_CountedByOutcomeAndReason()
    {
        using var host = new Host();
        using var logins = host.Collect<long>("faceverify.login.attempts");
        using var loginDuration = host.Collect<double>("faceverify.login.duration");
        using var enrolments = host.Collect<long>("faceverify.enrolment.attempts");

        await host.Provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync("erin", TestFrames.Jpeg(640, 640, 900), default);
        await host.Provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync("erin", new byte[] { 1, 2, 3 }, default);
        await host.Provider.GetRequiredService<IFaceLoginService>().LoginAsync("erin", "no-such-session", default);

        enrolments.GetMeasurementSnapshot().Select(m => m.Tags["faceverify.outcome"]).Should().BeEquivalentTo(["enrolled", "invalid_image"]);
        var login = logins.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        login.Tags.Should().Contain(Tag("faceverify.outcome", "failed"));
        login.Tags.Should().ContainKey("faceverify.reason");
        loginDuration.Instrument!.Unit.Should().Be("s");
        loginDuration.GetMeasurementSnapshot().Should().ContainSingle();
    }

    [Test]
    public async Task Logs_CompletionAndExpiry_HaveTheirDocumentedEventIds()
    {
        using var host = new Host();
        var collector = host.Provider.GetFakeLogCollector();
        var verified = await host.Sessions.StartAsync(new StartChallengeRequest { UserId = "frank", FrameWidth = Size, FrameHeight = Size }, default);
        await host.Sessions.VerifyAsync(verified.SessionId!, new SessionAccess(verified.SessionToken), default);
        var abandoned = await host.Sessions.StartAsync(new StartChallengeRequest { UserId = "frank", FrameWidth = Size, FrameHeight = Size }, default);
        host.Time.Advance(TimeSpan.FromMinutes(4));

        await host.Provider.GetRequiredService<ISessionExpirySweeper>().SweepAsync(default);

        var records = collector.GetSnapshot();
        records.Should().Contain(r => r.Id.Id == 1 && r.Message.Contains(verified.SessionId!, StringComparison.Ordinal), "SessionStarted is EventId 1");
        records.Should().Contain(r => r.Id.Id == 7 && r.Message.Contains(verified.SessionId!, StringComparison.Ordinal), "SessionCompleted is EventId 7");
        records.Should().ContainSingle(r => r.Id.Id == 200).Which.Message.Should().Contain(abandoned.SessionId!);
        records.Should().Contain(r => r.Id.Id == 300 && r.Level == LogLevel.Warning, "the ephemeral-key warning is EventId 300 (was 3001, a duplicate)");
        records.Should().NotContain(r => r.Message.Contains("frank", StringComparison.Ordinal), "user ids are logged only as opaque ids");
    }

    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    private sealed class Host : IDisposable
    {
        public Host(Action<IServiceCollection>? configure = null)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(Time);
            services.AddFakeLogging(o => o.CollectRecordsForDisabledLogLevels = false);
            services.AddFaceVerification(o =>
                {
                    o.AnalysisRetryDelay = TimeSpan.Zero;
                    o.RequireLivenessForEnrolment = false; // these tests count outcomes; the enrolment rules have their own tests
                })
                .ClearChallenges()
                .AddChallenge<CountingChallenge>()
                .UseInMemoryStores()
                .UseEphemeralSigningKey()
                .UseFaceAnalyzer(ScriptedFaceAnalyzer.ByVariant(_ => [Face.At(0.3, 0.2, 0.4, 0.5).Build()]))
                .UseFaceCollection(new FakeFaceCollection())
                .UseFaceComparer(new FakeFaceComparer());
            configure?.Invoke(services);
            Provider = services.BuildServiceProvider();
        }

        public ManualTimeProvider Time { get; } = new();

        public ServiceProvider Provider { get; }

        public IChallengeSessionService Sessions => Provider.GetRequiredService<IChallengeSessionService>();

        public MetricCollector<T> Collect<T>(string instrument)
            where T : struct
            => new(Provider.GetRequiredService<IMeterFactory>(), FaceVerifyTelemetry.Name, instrument);

        public void Dispose() => Provider.Dispose();
    }

    private sealed class SpanRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<Activity> _stopped = [];

        public SpanRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == FaceVerifyTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    lock (_stopped)
                    {
                        _stopped.Add(a);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Stopped
        {
            get
            {
                lock (_stopped)
                {
                    return [.. _stopped];
                }
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
