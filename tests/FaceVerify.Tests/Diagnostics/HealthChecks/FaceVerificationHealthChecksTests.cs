using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceVerify.Tests.Diagnostics.HealthChecks;

public sealed class FaceVerificationHealthChecksTests
{
    [Test]
    public async Task AddFaceVerificationHealthChecks_AllDependenciesUp_EachCheckHealthyAndEphemeralKeyDegraded()
    {
        using var provider = Build(b => b.UseFaceAnalyzer(new ProbedAnalyzer(up: true)));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries.Keys.Should().BeEquivalentTo(
            FaceVerificationHealthCheckNames.AttemptStore,
            FaceVerificationHealthCheckNames.FrameStore,
            FaceVerificationHealthCheckNames.FaceAnalyzer,
            FaceVerificationHealthCheckNames.FaceCollection,
            FaceVerificationHealthCheckNames.TokenKeys);
        report.Entries[FaceVerificationHealthCheckNames.AttemptStore].Status.Should().Be(HealthStatus.Healthy);
        report.Entries[FaceVerificationHealthCheckNames.FrameStore].Status.Should().Be(HealthStatus.Healthy);
        report.Entries[FaceVerificationHealthCheckNames.FaceAnalyzer].Status.Should().Be(HealthStatus.Healthy);
        report.Entries[FaceVerificationHealthCheckNames.FaceCollection].Description.Should().Contain("not configured");
        report.Entries[FaceVerificationHealthCheckNames.TokenKeys].Status.Should().Be(HealthStatus.Degraded, "an ephemeral key does not validate on other instances");
        report.Status.Should().Be(HealthStatus.Degraded);
        report.Entries.Values.Should().OnlyContain(e => e.Tags.Contains("ready") && e.Tags.Contains("faceverify"));
    }

    [Test]
    public async Task AddFaceVerificationHealthChecks_ConfiguredKey_TokenKeysHealthy()
    {
        using var provider = Build(configureServices: s => s.Configure<TokenOptions>(o => o.SigningKeys.Add(new TokenSigningKey { Id = "k1", Secret = TokenOptions.GenerateSecret() })), ephemeral: false);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries[FaceVerificationHealthCheckNames.TokenKeys].Status.Should().Be(HealthStatus.Healthy);
        report.Entries[FaceVerificationHealthCheckNames.TokenKeys].Description.Should().NotContain("k1", "key ids are not reported");
    }

    [Test]
    public async Task AddFaceVerificationHealthChecks_NoSigningKey_TokenKeysUnhealthy()
    {
        using var provider = Build(ephemeral: false);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries[FaceVerificationHealthCheckNames.TokenKeys].Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Test]
    public async Task AddFaceVerificationHealthChecks_AttemptStoreRefusesConnections_AttemptStoreUnhealthyOthersNot()
    {
        using var provider = Build(configureServices: s => s.Replace(ServiceDescriptor.Singleton<IAttemptStore>(new UnreachableAttemptStore())));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Status.Should().Be(HealthStatus.Unhealthy);
        var entry = report.Entries[FaceVerificationHealthCheckNames.AttemptStore];
        entry.Status.Should().Be(HealthStatus.Unhealthy);
        entry.Description.Should().Contain("HttpRequestException").And.NotContain("127.0.0.1", "exception messages are not reported");
        report.Entries[FaceVerificationHealthCheckNames.FrameStore].Status.Should().Be(HealthStatus.Healthy);
    }

    [Test]
    public async Task AddFaceVerificationHealthChecks_FrameStoreNeverAnswers_CancelledAtTimeoutAndUnhealthy()
    {
        var hanging = new HangingFrameStore();
        using var provider = Build(
            configureServices: s => s.Replace(ServiceDescriptor.Singleton<IFrameStore>(hanging)),
            configureChecks: o => o.Timeout = TimeSpan.FromMilliseconds(50));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        hanging.Calls.Should().Be(1);
        report.Entries[FaceVerificationHealthCheckNames.FrameStore].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries[FaceVerificationHealthCheckNames.AttemptStore].Status.Should().Be(HealthStatus.Healthy);
    }

    [Test]
    public async Task AddFaceVerificationHealthChecks_AnalyzerProbeFails_AnalyzerUnhealthy()
    {
        var analyzer = new ProbedAnalyzer(up: false);
        using var provider = Build(b => b.UseFaceAnalyzer(analyzer));

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        analyzer.Probes.Should().Be(1);
        report.Entries[FaceVerificationHealthCheckNames.FaceAnalyzer].Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries[FaceVerificationHealthCheckNames.FaceAnalyzer].Description.Should().Contain("HttpRequestException");
    }

    [Test]
    public async Task AddFaceVerificationHealthChecks_FailureStatusDegraded_FailingCheckDegraded()
    {
        using var provider = Build(
            configureServices: s => s.Replace(ServiceDescriptor.Singleton<IAttemptStore>(new UnreachableAttemptStore())),
            configureChecks: o => o.FailureStatus = HealthStatus.Degraded);

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries[FaceVerificationHealthCheckNames.AttemptStore].Status.Should().Be(HealthStatus.Degraded);
    }

    [Test]
    public void AddFaceVerificationHealthChecks_CalledTwice_RegistersEachCheckOnce()
    {
        var services = new ServiceCollection();
        services.AddHealthChecks().AddFaceVerificationHealthChecks().AddFaceVerificationHealthChecks();
        using var provider = services.BuildServiceProvider();

        var registrations = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;

        registrations.Should().HaveCount(5);
        registrations.Should().OnlyContain(r => r.Timeout == TimeSpan.FromSeconds(5));
    }

    [Test]
    public void AddFaceVerificationHealthChecks_ZeroTimeout_Throws()
    {
        var act = () => new ServiceCollection().AddHealthChecks().AddFaceVerificationHealthChecks(o => o.Timeout = TimeSpan.Zero);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static ServiceProvider Build(
        Action<IFaceVerificationBuilder>? configure = null,
        Action<IServiceCollection>? configureServices = null,
        Action<FaceVerificationHealthCheckOptions>? configureChecks = null,
        bool ephemeral = true)
    {
        var services = new ServiceCollection();
        var builder = services.AddFaceVerification().UseInMemoryStores().UseFaceAnalyzer(ScriptedFaceAnalyzer.Always(FaceAnalysis.NoFaces));
        if (ephemeral)
        {
            builder.UseEphemeralSigningKey();
        }

        configure?.Invoke(builder);
        configureServices?.Invoke(services);
        services.AddHealthChecks().AddFaceVerificationHealthChecks(configureChecks);
        return services.BuildServiceProvider();
    }
}
