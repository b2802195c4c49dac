using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace FaceVerify;

/// <summary>
/// The core's resilience pipeline around a frame analysis (key <see cref="Key"/>, registered with Polly.Extensions so
/// it is resolvable from <c>ResiliencePipelineProvider&lt;string&gt;</c> and reports Polly's telemetry): a retry of
/// transient faults outside a per-attempt timeout (<see cref="FaceVerificationOptions.AnalysisTimeout"/>). One layer
/// retries: an analyzer that owns its resilience (the Rekognition adapter) sets
/// <see cref="FaceVerificationOptions.AnalysisMaxRetries"/> to 0, and then the core's timeout is the one overall deadline
/// of its whole pipeline; a <see cref="FaceVerificationException"/> is an analyzer's final word and is never retried.
/// </summary>
internal static class AnalysisResilience
{
    /// <summary>The pipeline key: <c>FaceVerify.Analysis</c>.</summary>
    public const string Key = "FaceVerify.Analysis";

    /// <summary>Registers the pipeline (idempotent: Polly keeps the first builder of a key).</summary>
    /// <param name="services">The services.</param>
    public static void Register(IServiceCollection services)
        => services.AddResiliencePipeline(Key, static (builder, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<FaceVerificationOptions>>().Value;
            builder.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
            Configure(builder, options);
        });

    /// <summary>Adds the strategies to a builder.</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="options">The options.</param>
    public static void Configure(ResiliencePipelineBuilder builder, FaceVerificationOptions options)
    {
        if (options.AnalysisMaxRetries > 0)
        {
            // Polly refuses a retry strategy with zero attempts; AnalysisMaxRetries = 0 means "no retry strategy".
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "AnalysisRetry",
                MaxRetryAttempts = options.AnalysisMaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.AnalysisRetryDelay,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AnalysisAttemptTimeout", Timeout = options.AnalysisTimeout });
    }

    /// <summary>
    /// Transient: the attempt timed out, or the analyzer's transport failed (I/O, socket, HTTP, timeout). Everything else
    /// — an analyzer's <see cref="FaceVerificationException"/> (its final word, after its own retries if it has any),
    /// cancellation, programming errors — passes through at once.
    /// </summary>
    /// <param name="exception">The fault.</param>
    /// <returns>Whether a retry may help.</returns>
    public static bool IsTransient(Exception exception)
        => exception is TimeoutRejectedException or TimeoutException or HttpRequestException or IOException or SocketException;
}
