using System.Net;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>
/// One retry layer for Rekognition calls: the adapter's "FaceVerify.Rekognition" pipeline (retry, circuit breaker,
/// attempt timeout); with UseRekognition() the core's "FaceVerify.Analysis" pipeline keeps only its deadline; the
/// inner attempt timeout must be shorter than that deadline at start-up.
/// </summary>
public class RekognitionResilienceCompositionTests
{
    [Test]
    public void UseRekognition_RekognitionPipeline_IsRetryThenCircuitBreakerThenAttemptTimeout()
    {
        using var provider = Build(new() { ["FaceVerify:Rekognition:MaxRetryAttempts"] = "2", ["FaceVerify:Rekognition:AttemptTimeout"] = "00:00:04" });

        var descriptor = Pipeline(provider, RekognitionResilience.Key).GetPipelineDescriptor();

        descriptor.Strategies.Select(s => s.Options?.GetType()).Should().Equal(typeof(RetryStrategyOptions), typeof(CircuitBreakerStrategyOptions), typeof(TimeoutStrategyOptions));
        ((RetryStrategyOptions)descriptor.Strategies[0].Options!).MaxRetryAttempts.Should().Be(2);
        ((CircuitBreakerStrategyOptions)descriptor.Strategies[1].Options!).MinimumThroughput.Should().Be(20);
        ((TimeoutStrategyOptions)descriptor.Strategies[2].Options!).Timeout.Should().Be(TimeSpan.FromSeconds(4));
        provider.GetRequiredService<RekognitionClient>().Pipeline.Should().BeSameAs(Pipeline(provider, RekognitionResilience.Key));
    }

    [Test]
    public void UseRekognition_CoreAnalysisPipeline_HasNoRetryOnlyTheOverallDeadline()
    {
        using var provider = Build([], o => o.AnalysisMaxRetries = 3);

        var descriptor = Pipeline(provider, "FaceVerify.Analysis").GetPipelineDescriptor();

        descriptor.Strategies.Should().ContainSingle().Which.Options.Should().BeOfType<TimeoutStrategyOptions>()
            .Which.Timeout.Should().Be(TimeSpan.FromSeconds(10));
        provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value.AnalysisMaxRetries.Should().Be(0);
    }

    [Test]
    public void UseRekognition_AnalysisMaxRetriesChosenByTheApplication_StartupFailsNamingTheOwner()
    {
        using var provider = Build(new() { ["FaceVerify:AnalysisMaxRetries"] = "2" }, _ => { });

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("FaceVerify:AnalysisMaxRetries is 2", StringComparison.Ordinal)
            && e.ToString().Contains("FaceVerify:Rekognition:MaxRetryAttempts", StringComparison.Ordinal));
    }

    [Test]
    public void UseRekognition_AnalysisMaxRetriesSetInCodeToZero_Accepted()
    {
        using var provider = Build([], o => o.AnalysisMaxRetries = 0);

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().NotThrow();
    }

    [TestCase("00:00:10", "00:00:10")]
    [TestCase("00:00:15", "00:00:10")]
    public void AttemptTimeoutNotShorterThanAnalysisTimeout_StartupFailsNamingBoth(string attempt, string analysis)
    {
        using var provider = Build(new() { ["FaceVerify:Rekognition:AttemptTimeout"] = attempt }, o => o.AnalysisTimeout = TimeSpan.Parse(analysis, System.Globalization.CultureInfo.InvariantCulture));

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains("FaceVerify:Rekognition:AttemptTimeout", StringComparison.Ordinal)
            && e.ToString().Contains("must be shorter than FaceVerify:AnalysisTimeout", StringComparison.Ordinal));
    }

    [Test]
    public void Defaults_AttemptTimeoutShorterThanAnalysisTimeout_StartupSucceeds()
    {
        using var provider = Build([]);

        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetRequiredService<IOptions<RekognitionOptions>>().Value.AttemptTimeout.Should().BeLessThan(
            provider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value.AnalysisTimeout);
    }

    [Test]
    public async Task RegisteredPipeline_ARetry_IsReportedByPollyTelemetryUnderItsKey()
    {
        using var collector = new MetricCollector<int>(null, "Polly", "resilience.polly.strategy.events");
        using var provider = Build(new() { ["FaceVerify:Rekognition:RetryBaseDelay"] = "00:00:00", ["FaceVerify:Rekognition:RetryMaxDelay"] = "00:00:00" });
        var calls = 0;

        var result = await Pipeline(provider, RekognitionResilience.Key).ExecuteAsync(_ =>
            ++calls == 1 ? throw new RekognitionException("ThrottlingException", "slow down", HttpStatusCode.BadRequest, null) : ValueTask.FromResult(calls));

        result.Should().Be(2);
        collector.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags.GetValueOrDefault("pipeline.name"), RekognitionResilience.Key))
            .Should().Contain(m => Equals(m.Tags.GetValueOrDefault("event.name"), "OnRetry"));
    }

    private static ResiliencePipeline Pipeline(IServiceProvider provider, string key)
        => provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline(key);

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<FaceVerificationOptions>? core = null)
    {
        var all = new Dictionary<string, string?>(settings) { ["FaceVerify:Rekognition:Region"] = "eu-west-1" };
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        services.AddFaceVerification(core).UseInMemoryStores().UseEphemeralSigningKey().UseRekognition();
        return services.BuildServiceProvider();
    }
}
