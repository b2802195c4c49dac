using System.ComponentModel.DataAnnotations;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// Options of the Rekognition adapters (<see cref="RekognitionFaceAnalyzer"/>, <see cref="RekognitionFaceComparer"/>,
/// <see cref="RekognitionFaceCollection"/>), bound from configuration section <c>FaceVerify:Rekognition</c>.
/// Either <see cref="Region"/> or <see cref="ServiceUrl"/> is required.
/// </summary>
public class RekognitionOptions : IAwsClientOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FaceVerify:Rekognition";

    /// <summary>The AWS region, e.g. <c>eu-west-1</c>; also the signing region. Default: none (required unless <see cref="ServiceUrl"/> is set, then <c>us-east-1</c>).</summary>
    [RegularExpression("^[a-z]{2}(-[a-z]+)+-[0-9]+$", ErrorMessage = "FaceVerify:Rekognition:Region must be an AWS region name such as eu-west-1.")]
    public string? Region { get; set; }

    /// <summary>An endpoint override, e.g. <c>http://127.0.0.1:4600</c> for the local face engine. Default: none (the regional endpoint <c>https://rekognition.{Region}.amazonaws.com</c>).</summary>
    [Url(ErrorMessage = "FaceVerify:Rekognition:ServiceUrl must be an absolute http(s) URL.")]
    public string? ServiceUrl { get; set; }

    /// <summary>The collection that holds enrolled faces (1–255 of <c>[a-zA-Z0-9_.-]</c>). Default: <c>faceverify</c>.</summary>
    [Required(ErrorMessage = "FaceVerify:Rekognition:CollectionId is required.")]
    [RegularExpression("^[a-zA-Z0-9_.\\-]{1,255}$", ErrorMessage = "FaceVerify:Rekognition:CollectionId must be 1–255 characters of a-z, A-Z, 0-9, '_', '.', '-'.")]
    public string CollectionId { get; set; } = "faceverify";

    /// <summary>An explicit access key id. Default: none (credentials come from the SDK's default chain: environment, profile, web identity, container or instance role).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret of <see cref="AccessKeyId"/>. Default: none.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>A session token for temporary explicit credentials. Default: none.</summary>
    public string? SessionToken { get; set; }

    /// <summary>Rekognition's <c>QualityFilter</c> for CompareFaces, IndexFaces and SearchFacesByImage: <c>NONE</c>, <c>AUTO</c>, <c>LOW</c>, <c>MEDIUM</c> or <c>HIGH</c>. Default: <c>AUTO</c>.</summary>
    [Required]
    [RegularExpression("^(NONE|AUTO|LOW|MEDIUM|HIGH)$", ErrorMessage = "FaceVerify:Rekognition:QualityFilter must be NONE, AUTO, LOW, MEDIUM or HIGH.")]
    public string QualityFilter { get; set; } = "AUTO";

    /// <summary>How many faces SearchFacesByImage returns at most (1–4096); only the claimed user's faces among them count. Default: 10.</summary>
    [Range(1, 4096, ErrorMessage = "FaceVerify:Rekognition:SearchMaxFaces must be between 1 and 4096.")]
    public int SearchMaxFaces { get; set; } = 10;

    /// <summary>
    /// The timeout of one attempt (Rekognition usually answers in 0.2–2 s). Must be shorter than
    /// <c>FaceVerify:AnalysisTimeout</c> (the overall deadline of one analysis, checked at start-up). Default: 8 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "FaceVerify:Rekognition:AttemptTimeout must be between 10 ms and 5 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Retries after the first attempt for throttling, 5xx, attempt timeouts and connection errors; the only retry layer of Rekognition calls (the core does not retry them). Default: 3.</summary>
    [Range(0, 20, ErrorMessage = "FaceVerify:Rekognition:MaxRetryAttempts must be between 0 and 20.")]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The base delay of the exponential, jittered retry back-off. Default: 200 ms.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "FaceVerify:Rekognition:RetryBaseDelay must be between 0 and 1 minute.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest single retry delay. Default: 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "FaceVerify:Rekognition:RetryMaxDelay must be between 0 and 5 minutes.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The share of failed calls (0–1] within <see cref="CircuitBreakerSamplingDuration"/> that opens the circuit. Default: 0.5.</summary>
    [Range(0.01, 1.0, ErrorMessage = "FaceVerify:Rekognition:CircuitBreakerFailureRatio must be in (0, 1].")]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls in the sampling window before the circuit may open (at least 2). Default: 20.</summary>
    [Range(2, int.MaxValue, ErrorMessage = "FaceVerify:Rekognition:CircuitBreakerMinimumThroughput must be at least 2.")]
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The window over which failures are counted (at least 0.5 s). Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00", ErrorMessage = "FaceVerify:Rekognition:CircuitBreakerSamplingDuration must be between 0.5 s and 1 hour.")]
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit fails calls fast before it lets one through (at least 0.5 s). Default: 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.5", "01:00:00", ErrorMessage = "FaceVerify:Rekognition:CircuitBreakerBreakDuration must be between 0.5 s and 1 hour.")]
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
