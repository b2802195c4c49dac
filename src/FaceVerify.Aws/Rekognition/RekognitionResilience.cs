using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// The resilience pipeline around every Rekognition call: retry (exponential back-off with jitter) outside a circuit
/// breaker outside a per-attempt timeout. Transient faults are throttling, 5xx, attempt timeouts and connection
/// errors; everything else passes through at once.
/// </summary>
internal static partial class RekognitionResilience
{
    public static ResiliencePipeline Create(RekognitionOptions options, TimeProvider timeProvider, ILogger logger)
    {
        var transient = new PredicateBuilder()
            .Handle<RekognitionException>(e => e.IsTransient)
            .Handle<HttpRequestException>()
            .Handle<TimeoutRejectedException>();

        var builder = new ResiliencePipelineBuilder { TimeProvider = timeProvider, Name = "FaceVerify.Rekognition" };
        if (options.MaxRetryAttempts > 0)
        {
            // Polly refuses a retry strategy with zero attempts; MaxRetryAttempts = 0 means "no retry strategy".
            builder.AddRetry(new RetryStrategyOptions
            {
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

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
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
            .AddTimeout(options.AttemptTimeout)
            .Build();
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
