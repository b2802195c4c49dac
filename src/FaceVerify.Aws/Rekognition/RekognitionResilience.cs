using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// The resilience pipeline around every Rekognition call (key <see cref="Key"/>, registered with Polly.Extensions so
/// it reports Polly's telemetry): retry (exponential back-off with jitter) outside a circuit breaker outside a
/// per-attempt timeout. Transient faults are throttling, 5xx, attempt timeouts and connection errors; everything else
/// passes through at once. With <c>UseRekognition()</c> this is the one retry layer of Rekognition calls: the core's
/// analysis pipeline does not retry (docs/aws.md, "Resilience").
/// </summary>
internal static partial class RekognitionResilience
{
    /// <summary>The pipeline key: <c>FaceVerify.Rekognition</c>.</summary>
    public const string Key = "FaceVerify.Rekognition";

    /// <summary>Registers the pipeline from <see cref="RekognitionOptions"/> (idempotent: Polly keeps the first builder of a key).</summary>
    /// <param name="services">The services.</param>
    public static void Register(IServiceCollection services)
        => services.AddResiliencePipeline(Key, static (builder, context) =>
        {
            var sp = context.ServiceProvider;
            builder.TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
            var logger = sp.GetService<ILoggerFactory>()?.CreateLogger(typeof(RekognitionClient).FullName!) ?? NullLogger.Instance;
            Configure(builder, sp.GetRequiredService<IOptions<RekognitionOptions>>().Value, logger);
        });

    /// <summary>Builds the pipeline outside DI (tests, tools).</summary>
    public static ResiliencePipeline Create(RekognitionOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = Key };
        Configure(builder, options, logger);
        return builder.Build();
    }

    /// <summary>Adds the strategies: retry, circuit breaker, attempt timeout (outermost first).</summary>
    public static void Configure(ResiliencePipelineBuilder builder, RekognitionOptions options, ILogger logger)
    {
        var transient = new PredicateBuilder()
            .Handle<RekognitionException>(e => e.IsTransient)
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();

        if (options.MaxRetryAttempts > 0)
        {
            // Polly refuses a retry strategy with zero attempts; MaxRetryAttempts = 0 means "no retry strategy".
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "RekognitionRetry",
                ShouldHandle = transient,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, Describe(args.Outcome.Exception), args.RetryDelay.TotalMilliseconds);
                    return default;
                },
            });
        }

        builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                Name = "RekognitionCircuitBreaker",
                ShouldHandle = transient,
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = options.CircuitBreakerSamplingDuration,
                BreakDuration = options.CircuitBreakerBreakDuration,
                OnOpened = args =>
                {
                    LogCircuitOpened(logger, args.BreakDuration.TotalSeconds);
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions { Name = "RekognitionAttemptTimeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>A short, non-sensitive description of a fault for logs and messages.</summary>
    public static string Describe(Exception? exception) => exception switch
    {
        null => "unknown",
        RekognitionException r => r.ErrorCode,
        TimeoutRejectedException => "attempt timeout",
        HttpRequestException h => h.HttpRequestError.ToString(),
        BrokenCircuitException => "circuit open",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Rekognition call failed transiently ({Fault}); retry {Attempt} in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int attempt, string fault, double delayMs);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Error, Message = "Rekognition circuit opened for {Seconds} s after repeated transient failures")]
    private static partial void LogCircuitOpened(ILogger logger, double seconds);
}
