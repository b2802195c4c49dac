using Microsoft.Extensions.DependencyInjection;
using Polly;
using Polly.Registry;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace FaceVerify.Tests.Sessions.Resilience;

/// <summary>The core's analysis pipeline, registered with Polly.Extensions under "FaceVerify.Analysis", asserted with Polly.Testing.</summary>
public class AnalysisResilienceTests
{
    [Test]
    public void AddFaceVerification_Defaults_AnalysisPipelineIsRetryOutsideAttemptTimeout()
    {
        using var provider = Build(_ => { });

        var descriptor = Pipeline(provider).GetPipelineDescriptor();

        descriptor.Strategies.Select(s => s.Options?.GetType()).Should().Equal(typeof(RetryStrategyOptions), typeof(TimeoutStrategyOptions));
        var retry = (RetryStrategyOptions)descriptor.Strategies[0].Options!;
        retry.MaxRetryAttempts.Should().Be(3);
        retry.BackoffType.Should().Be(DelayBackoffType.Exponential);
        retry.UseJitter.Should().BeTrue();
        ((TimeoutStrategyOptions)descriptor.Strategies[1].Options!).Timeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void AnalysisMaxRetriesZero_AnalysisPipelineIsTheTimeoutAlone()
    {
        using var provider = Build(o =>
        {
            o.AnalysisMaxRetries = 0;
            o.AnalysisTimeout = TimeSpan.FromSeconds(25);
        });

        var descriptor = Pipeline(provider).GetPipelineDescriptor();

        descriptor.Strategies.Should().ContainSingle().Which.Options.Should().BeOfType<TimeoutStrategyOptions>()
            .Which.Timeout.Should().Be(TimeSpan.FromSeconds(25));
    }

    [TestCase(typeof(IOException), true)]
    [TestCase(typeof(HttpRequestException), true)]
    [TestCase(typeof(TimeoutException), true)]
    [TestCase(typeof(TimeoutRejectedException), true)]
    [TestCase(typeof(FaceVerificationException), false)]
    [TestCase(typeof(InvalidOperationException), false)]
    [TestCase(typeof(ArgumentException), false)]
    [TestCase(typeof(NullReferenceException), false)]
    [TestCase(typeof(NotSupportedException), false)]
    public async Task AnalysisPipeline_RetriesOnlyTransientFaults(Type fault, bool retried)
    {
        using var provider = Build(o => o.AnalysisRetryDelay = TimeSpan.Zero);
        var calls = 0;

        var act = async () => await Pipeline(provider).ExecuteAsync<int>(_ =>
        {
            calls++;
            throw (Exception)Activator.CreateInstance(fault, "injected")!;
        });

        await act.Should().ThrowAsync<Exception>();
        calls.Should().Be(retried ? 4 : 1, "3 retries of a transient fault, none of any other");
    }

    private static ResiliencePipeline Pipeline(IServiceProvider provider)
        => provider.GetRequiredService<ResiliencePipelineProvider<string>>().GetPipeline("FaceVerify.Analysis");

    private static ServiceProvider Build(Action<FaceVerificationOptions> configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddFaceVerification(configure).UseInMemoryStores();
        return services.BuildServiceProvider();
    }
}
