using Amazon.Runtime;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaceVerify.Aws.Tests.Rekognition;

internal static class RekognitionTestData
{
    public const string AccessKeyId = "AKIDTESTFACEVERIFY";
    public const string SecretAccessKey = "test/secret+key/for/unit/tests";

    public static string Load(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Rekognition", name));

    /// <summary>Options with short delays so fault tests never sleep long.</summary>
    public static RekognitionOptions Options(string serviceUrl, Action<RekognitionOptions>? configure = null)
    {
        var options = new RekognitionOptions
        {
            ServiceUrl = serviceUrl,
            Region = "eu-west-1",
            CollectionId = "faceverify-tests",
            AccessKeyId = AccessKeyId,
            SecretAccessKey = SecretAccessKey,
            MaxRetryAttempts = 3,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            AttemptTimeout = TimeSpan.FromSeconds(5),
            CircuitBreakerMinimumThroughput = 100,
        };
        configure?.Invoke(options);
        return options;
    }

    public static RekognitionClient Client(HttpMessageHandler handler, RekognitionOptions options, TimeProvider? timeProvider = null)
        => new(() => new HttpClient(handler, disposeHandler: false), options, timeProvider ?? TimeProvider.System, NullLogger.Instance);

    public static RekognitionClient Client(HttpMessageHandler handler, RekognitionOptions options, AWSCredentials credentials)
        => new(() => new HttpClient(handler, disposeHandler: false), options, TimeProvider.System, NullLogger.Instance, credentials);

    /// <summary>A tiny stand-in image; the fakes never decode it.</summary>
    public static FaceImage Image(byte marker = 1) => new(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, marker, 0xFF, 0xD9 }, ImageFormat.Jpeg, 640, 480);
}
