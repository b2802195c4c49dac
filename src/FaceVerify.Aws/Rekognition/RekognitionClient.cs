using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// A small typed client for Rekognition's JSON protocol (<c>POST /</c>, <c>X-Amz-Target: RekognitionService.&lt;Op&gt;</c>,
/// <c>application/x-amz-json-1.1</c>, SigV4 service <c>rekognition</c>), covering the operations FaceVerify uses.
/// Credentials come from options or the AWS SDK's default chain; every call runs through the resilience pipeline.
/// Transient faults that survive the retries, and configuration faults, surface as one
/// <see cref="FaceVerificationException"/>; other service errors surface as <see cref="RekognitionException"/> for
/// the adapters to map to values.
/// </summary>
internal sealed partial class RekognitionClient
{
    /// <summary>The name of the <see cref="HttpClient"/> the client uses from <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "FaceVerify.Rekognition";

    private const string ServiceName = "rekognition";
    private const string ContentType = "application/x-amz-json-1.1";

    private readonly Func<HttpClient> _httpClient;
    private readonly RekognitionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly Uri _endpoint;
    private readonly string _region;
    private AWSCredentials? _credentials;

    /// <summary>Creates the client from DI.</summary>
    public RekognitionClient(IHttpClientFactory httpClientFactory, IOptions<RekognitionOptions> options, TimeProvider timeProvider, ILogger<RekognitionClient> logger, AwsDefaults defaults, ResiliencePipelineProvider<string> pipelines)
        : this(() => httpClientFactory.CreateClient(HttpClientName), options.Value, timeProvider, logger, defaults: defaults, pipeline: pipelines.GetPipeline(RekognitionResilience.Key))
    {
    }

    /// <summary>Creates a client with explicit parts (tests, tools).</summary>
    internal RekognitionClient(Func<HttpClient> httpClient, RekognitionOptions options, TimeProvider timeProvider, ILogger logger, AWSCredentials? credentials = null, AwsDefaults? defaults = null, ResiliencePipeline? pipeline = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        defaults ??= AwsDefaults.None;
        var resolved = defaults.Resolve(options.Region, options.ServiceUrl);
        _endpoint = resolved.ServiceUrl is { } url
            ? new Uri(url, UriKind.Absolute)
            : new Uri($"https://rekognition.{resolved.Region ?? throw new FaceVerificationException(AwsDefaults.MissingRegion(RekognitionOptions.SectionName))}.amazonaws.com/");
        _region = resolved.SigningRegion;
        _credentials = credentials ?? ExplicitCredentials(options) ?? defaults.Credentials();
        _pipeline = pipeline ?? RekognitionResilience.Create(options, timeProvider, logger);
    }

    /// <summary>The collection id from options.</summary>
    public string CollectionId => _options.CollectionId;

    /// <summary>The signing region.</summary>
    public string Region => _region;

    /// <summary>The endpoint calls go to: the section's <c>ServiceUrl</c>, else the <c>AWSOptions</c> one, else the regional endpoint.</summary>
    public Uri Endpoint => _endpoint;

    /// <summary>The resilience pipeline every call runs through (the registered <c>FaceVerify.Rekognition</c> one under DI).</summary>
    internal ResiliencePipeline Pipeline => _pipeline;

    /// <summary>The options.</summary>
    public RekognitionOptions Options => _options;

    /// <summary>Wraps a non-transient service error that the adapter does not expect in one <see cref="FaceVerificationException"/>.</summary>
    public FaceVerificationException Unexpected(string operation, RekognitionException exception)
        => new($"Rekognition {operation} failed with {exception.ErrorCode} (collection '{CollectionId}', region '{_region}'): {exception.ServiceMessage}", exception);

    /// <summary>Calls one operation once, outside the resilience pipeline (no retry, no circuit breaker): a health probe must see the dependency as it is.</summary>
    internal async Task<TResponse> ProbeAsync<TResponse>(IRekognitionRequest<TResponse> request, CancellationToken cancellationToken)
    {
        var body = Serialize(request);
        var credentials = await ResolveCredentialsAsync().ConfigureAwait(false);
        return await SendOnceAsync<TResponse>(request.Operation, body, credentials, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls one operation through the resilience pipeline.</summary>
    internal async Task<TResponse> InvokeAsync<TResponse>(IRekognitionRequest<TResponse> request, CancellationToken cancellationToken)
    {
        var operation = request.Operation;
        var body = Serialize(request);
        var credentials = await ResolveCredentialsAsync().ConfigureAwait(false);
        try
        {
            return await _pipeline.ExecuteAsync(
                async token => await SendOnceAsync<TResponse>(operation, body, credentials, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RekognitionException exception) when (exception.IsTransient)
        {
            throw Exhausted(operation, exception);
        }
        catch (RekognitionException exception) when (RekognitionErrors.IsConfiguration(exception.ErrorCode))
        {
            LogConfigurationFault(_logger, operation, exception.ErrorCode, CollectionId, _region);
            throw new FaceVerificationException(ConfigurationMessage(operation, exception), exception);
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or BrokenCircuitException
            || (exception is HttpRequestException && !cancellationToken.IsCancellationRequested))
        {
            throw Exhausted(operation, exception);
        }
    }

    /// <summary>The request's JSON body: its runtime type's members (the operation name is not one of them).</summary>
    private static byte[] Serialize<TResponse>(IRekognitionRequest<TResponse> request)
        => JsonSerializer.SerializeToUtf8Bytes(request, request.GetType(), FaceDetailsJson.Options);

    private FaceVerificationException Exhausted(string operation, Exception cause)
    {
        var fault = RekognitionResilience.Describe(cause);
        LogExhausted(_logger, operation, fault);
        var message = cause is BrokenCircuitException
            ? $"Rekognition {operation} was not attempted: the circuit is open after repeated transient failures (region '{_region}')."
            : $"Rekognition {operation} failed after {_options.MaxRetryAttempts + 1} attempts ({fault}, region '{_region}').";
        return new FaceVerificationException(message, cause);
    }

    private string ConfigurationMessage(string operation, RekognitionException exception) => exception.ErrorCode switch
    {
        RekognitionErrors.ResourceNotFound =>
            $"Rekognition collection '{CollectionId}' was not found in region '{_region}' ({operation}). Create it (CreateCollection, or RekognitionFaceCollection.EnsureCollectionAsync in development) or fix FaceVerify:Rekognition:CollectionId / Region.",
        RekognitionErrors.AccessDenied =>
            $"Access denied to rekognition:{operation} on collection '{CollectionId}' in region '{_region}'. Grant it in the IAM policy (see docs/aws.md).",
        _ =>
            $"Rekognition refused the credentials for {operation} in region '{_region}' ({exception.ErrorCode}): check the AWS credentials, their expiry, and the clock.",
    };

    private async Task<T> SendOnceAsync<T>(string operation, byte[] body, ImmutableCredentials credentials, CancellationToken cancellationToken)
    {
        var amzDate = SigV4Signer.FormatAmzDate(_timeProvider.GetUtcNow());
        var host = _endpoint.IsDefaultPort ? _endpoint.Host : $"{_endpoint.Host}:{_endpoint.Port}";
        var target = "RekognitionService." + operation;
        var signed = new List<KeyValuePair<string, string>>(5)
        {
            new("content-type", ContentType),
            new("host", host),
            new("x-amz-date", amzDate),
            new("x-amz-target", target),
        };
        if (credentials.UseToken)
        {
            signed.Add(new("x-amz-security-token", credentials.Token));
        }

        var authorization = SigV4Signer.Authorization(
            credentials.AccessKey,
            credentials.SecretKey,
            _region,
            ServiceName,
            amzDate,
            "POST",
            _endpoint.AbsolutePath,
            string.Empty,
            signed,
            SigV4Signer.HashHex(body));

        using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        message.Headers.Host = host;
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        if (credentials.UseToken)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        message.Headers.TryAddWithoutValidation("Authorization", authorization);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);

        using var response = await _httpClient().SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw RekognitionErrors.Parse(response.StatusCode, response.Headers, text);
        }

        try
        {
            return JsonSerializer.Deserialize<T>(text, FaceDetailsJson.Options)
                ?? throw new RekognitionException("InvalidResponse", $"{operation} returned an empty body.", response.StatusCode, null);
        }
        catch (JsonException exception)
        {
            throw new FaceVerificationException($"Rekognition {operation} returned a body that is not a {operation} response.", exception);
        }
    }

    private async Task<ImmutableCredentials> ResolveCredentialsAsync()
    {
        try
        {
            _credentials ??= await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync().ConfigureAwait(false);
            return await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException exception)
        {
            throw new FaceVerificationException(
                "No AWS credentials for Rekognition: set FaceVerify:Rekognition:AccessKeyId/SecretAccessKey or provide credentials through the environment, a profile, or a container/instance role.",
                exception);
        }
    }

    private static AWSCredentials? ExplicitCredentials(RekognitionOptions options)
    {
        if (string.IsNullOrEmpty(options.AccessKeyId) || string.IsNullOrEmpty(options.SecretAccessKey))
        {
            return null;
        }

        return string.IsNullOrEmpty(options.SessionToken)
            ? new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey)
            : new SessionAWSCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken);
    }

    [LoggerMessage(EventId = 3103, Level = LogLevel.Error, Message = "Rekognition {Operation} gave up ({Fault})")]
    private static partial void LogExhausted(ILogger logger, string operation, string fault);

    [LoggerMessage(EventId = 3104, Level = LogLevel.Error, Message = "Rekognition {Operation} failed with {Code}: check collection {CollectionId}, region {Region}, credentials and IAM policy")]
    private static partial void LogConfigurationFault(ILogger logger, string operation, string code, string collectionId, string region);
}
