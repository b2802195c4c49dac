using System.Net;
using FaceVerify.Aws.Rekognition;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace FaceVerify.Aws.Tests.Rekognition;

public class RekognitionFaceAnalyzerTests
{
    private static readonly Dictionary<string, string> HeaderFormThrottling = new() { ["x-amzn-ErrorType"] = "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/" };

    [Test]
    public async Task AnalyzeAsync_RecordedDetectFaces_MapsEveryFaceDetailOneToOne()
    {
        var (analyzer, script) = Create();
        script.Then(ScriptedResponse.Ok("detect-faces-all.json"));

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Rejection.Should().BeNull();
        analysis.Faces.Should().HaveCount(2);
        var face = analysis.Faces[0];
        face.BoundingBox.Should().Be(new BoundingBox(0.2399, 0.18, 0.5556, 0.3367));
        face.Landmarks.Should().HaveCount(8);
        face.TryGetLandmark(LandmarkType.Nose, out var nose).Should().BeTrue();
        nose.Should().Be(new Landmark(LandmarkType.Nose, 0.4776, 0.5337));
        face.TryGetLandmark(LandmarkType.UpperJawlineRight, out _).Should().BeTrue();
        face.Pose.Should().Be(new FacePose(0.995, 13.69, 4.05));
        face.EyesOpen.Should().Be(new FaceTrait(true, 99.99));
        face.MouthOpen.Should().Be(new FaceTrait(false, 98.6));
        face.Smile.Should().Be(new FaceTrait(false, 98.1));
        face.Quality.Should().Be(new ImageQuality(37.6, 80));
        face.Confidence.Should().Be(100);
        analysis.Faces[1].EyesOpen.Should().BeNull("DEFAULT-only faces carry no EyesOpen");
        analysis.Faces[1].Pose.Yaw.Should().Be(-40.5);
        script.Requests.Single().Json.GetProperty("Attributes").EnumerateArray().Select(a => a.GetString()).Should().Equal("ALL");
    }

    [Test]
    public async Task AnalyzeAsync_NoFaces_ReturnsEmptyAnalysis()
    {
        var (analyzer, script) = Create();
        script.Then(ScriptedResponse.Ok("detect-faces-none.json"));

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Faces.Should().BeEmpty();
        analysis.Rejection.Should().BeNull();
    }

    [TestCase("invalid-image-format.json", ImageRejection.InvalidImageFormat)]
    [TestCase("image-too-large.json", ImageRejection.ImageTooLarge)]
    [TestCase("invalid-parameter-no-face.json", ImageRejection.InvalidParameter)]
    public async Task AnalyzeAsync_ImageError_ReturnsRejectionWithoutRetry(string fixture, ImageRejection expected)
    {
        var (analyzer, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, fixture));

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Rejection.Should().Be(expected);
        analysis.Faces.Should().BeEmpty();
        script.Requests.Should().HaveCount(1);
    }

    [Test]
    public async Task AnalyzeAsync_OverFiveMegabytes_RejectedWithoutCallingRekognition()
    {
        var (analyzer, script) = Create();
        var large = new FaceImage(new byte[(5 * 1024 * 1024) + 1], ImageFormat.Jpeg, 4000, 3000);

        var analysis = await analyzer.AnalyzeAsync(large, CancellationToken.None);

        analysis.Rejection.Should().Be(ImageRejection.ImageTooLarge);
        script.Requests.Should().BeEmpty();
    }

    [Test]
    public async Task AnalyzeAsync_ThrottlingBurstInBothForms_SurvivedByRetry()
    {
        var (analyzer, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "throttling.json"))
            .Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "header-form-throttling.json", HeaderFormThrottling))
            .Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "provisioned-throughput-namespaced.json"))
            .Then(ScriptedResponse.Ok("detect-faces-all.json"));

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Faces.Should().HaveCount(2);
        script.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task AnalyzeAsync_ServerErrors_SurvivedByRetry()
    {
        var (analyzer, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.InternalServerError, "internal-server-error.json"))
            .Then(new ScriptedResponse(HttpStatusCode.ServiceUnavailable, string.Empty))
            .Then(ScriptedResponse.Ok("detect-faces-all.json"));

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Faces.Should().HaveCount(2);
        script.Requests.Should().HaveCount(3);
    }

    [Test]
    public async Task AnalyzeAsync_AttemptTimesOut_RetriedAndSucceeds()
    {
        var (analyzer, script) = Create(o => o.AttemptTimeout = TimeSpan.FromMilliseconds(150));
        script.Then(ScriptedResponse.Hanging());
        script.Fallback = _ => ScriptedResponse.Ok("detect-faces-all.json");

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Faces.Should().HaveCount(2);
        script.Requests.Should().HaveCountGreaterThanOrEqualTo(2, "the hanging first attempt was abandoned and retried");
    }

    [Test]
    public async Task AnalyzeAsync_RetriesExhausted_ThrowsOneFaceVerificationExceptionWrappingCause()
    {
        var (analyzer, script) = Create(o => o.MaxRetryAttempts = 3);
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "throttling.json"), times: 4);

        var act = async () => await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        var error = (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which;
        error.Message.Should().Contain("DetectFaces").And.Contain("4 attempts").And.Contain("ThrottlingException");
        error.InnerException.Should().BeOfType<RekognitionException>().Which.ErrorCode.Should().Be("ThrottlingException");
        script.Requests.Should().HaveCount(4);
    }

    [Test]
    public async Task AnalyzeAsync_EveryAttemptTimesOut_ThrowsFaceVerificationExceptionWrappingTimeout()
    {
        var (analyzer, script) = Create(o =>
        {
            o.MaxRetryAttempts = 1;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
        });
        script.Then(ScriptedResponse.Hanging(), times: 2);

        var act = async () => await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which.InnerException.Should().BeOfType<TimeoutRejectedException>();
        script.Requests.Should().HaveCount(2);
    }

    [Test]
    public async Task AnalyzeAsync_RepeatedFailures_CircuitOpensAndFailsFastWithoutCalling()
    {
        var (analyzer, script) = Create(o =>
        {
            o.MaxRetryAttempts = 0;
            o.CircuitBreakerMinimumThroughput = 2;
            o.CircuitBreakerFailureRatio = 0.5;
            o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        script.Fallback = _ => new ScriptedResponse(HttpStatusCode.InternalServerError, RekognitionTestData.Load("errors/internal-server-error.json"));

        for (var i = 0; i < 2; i++)
        {
            var failing = async () => await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);
            (await failing.Should().ThrowExactlyAsync<FaceVerificationException>()).Which.InnerException.Should().BeOfType<RekognitionException>();
        }

        var act = async () => await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        var error = (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which;
        error.InnerException.Should().BeAssignableTo<BrokenCircuitException>();
        error.Message.Should().Contain("circuit is open");
        script.Requests.Should().HaveCount(2, "an open circuit does not call Rekognition");
    }

    [Test]
    public async Task AnalyzeAsync_AccessDenied_ThrowsConfigurationErrorNamingCollectionAndRegion()
    {
        var (analyzer, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "access-denied.json"));

        var act = async () => await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        var error = (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which;
        error.Message.Should().Contain("rekognition:DetectFaces").And.Contain("'faceverify-tests'").And.Contain("'eu-west-1'");
        script.Requests.Should().HaveCount(1);
    }

    private static (RekognitionFaceAnalyzer Analyzer, RekognitionScript Script) Create(Action<RekognitionOptions>? configure = null)
    {
        var script = new RekognitionScript();
        var client = RekognitionTestData.Client(new ScriptedHandler(script), RekognitionTestData.Options("http://127.0.0.1:9/", configure));
        return (new RekognitionFaceAnalyzer(client), script);
    }
}
