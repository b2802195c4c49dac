using System.Net;
using FaceVerify.Aws.Rekognition;

namespace FaceVerify.Aws.Tests.Rekognition;

public class RekognitionFaceComparerTests
{
    [Test]
    public async Task CompareAsync_Matches_ReturnsBestSimilarityAndSendsThresholdZero()
    {
        var (comparer, script) = Create(o => o.QualityFilter = "HIGH");
        script.Then(ScriptedResponse.Ok("compare-faces.json"));

        var result = await comparer.CompareAsync(RekognitionTestData.Image(1), RekognitionTestData.Image(2), CancellationToken.None);

        result.Should().Be(new FaceComparison(97.25, true, true));
        result.IsMatch(90).Should().BeTrue();
        var request = script.Requests.Single();
        request.Operation.Should().Be("CompareFaces");
        request.Json.GetProperty("SimilarityThreshold").GetDouble().Should().Be(0);
        request.Json.GetProperty("QualityFilter").GetString().Should().Be("HIGH");
        Convert.FromBase64String(request.Json.GetProperty("SourceImage").GetProperty("Bytes").GetString()!)[4].Should().Be(1);
        Convert.FromBase64String(request.Json.GetProperty("TargetImage").GetProperty("Bytes").GetString()!)[4].Should().Be(2);
    }

    [Test]
    public async Task CompareAsync_OnlyUnmatchedFaces_ReturnsZeroWithBothFacesFound()
    {
        var (comparer, script) = Create();
        script.Then(ScriptedResponse.Ok("compare-faces-unmatched.json"));

        var result = await comparer.CompareAsync(RekognitionTestData.Image(1), RekognitionTestData.Image(2), CancellationToken.None);

        result.Should().Be(new FaceComparison(0, true, true));
        result.IsMatch(1).Should().BeFalse();
    }

    [TestCase("invalid-parameter-no-face.json", ImageRejection.InvalidParameter)]
    [TestCase("invalid-image-format.json", ImageRejection.InvalidImageFormat)]
    [TestCase("image-too-large.json", ImageRejection.ImageTooLarge)]
    public async Task CompareAsync_ImageError_ReturnsRejectionValue(string fixture, ImageRejection rejection)
    {
        var (comparer, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, fixture));

        var result = await comparer.CompareAsync(RekognitionTestData.Image(1), RekognitionTestData.Image(2), CancellationToken.None);

        result.Rejection.Should().Be(rejection);
        result.IsMatch(0).Should().BeFalse();
        script.Requests.Should().HaveCount(1);
    }

    [Test]
    public async Task CompareAsync_TargetOverFiveMegabytes_RejectedWithoutCallingRekognition()
    {
        var (comparer, script) = Create();

        var result = await comparer.CompareAsync(RekognitionTestData.Image(1), new FaceImage(new byte[(5 * 1024 * 1024) + 1], ImageFormat.Png, 4000, 3000), CancellationToken.None);

        result.Rejection.Should().Be(ImageRejection.ImageTooLarge);
        script.Requests.Should().BeEmpty();
    }

    private static (RekognitionFaceComparer Comparer, RekognitionScript Script) Create(Action<RekognitionOptions>? configure = null)
    {
        var script = new RekognitionScript();
        var client = RekognitionTestData.Client(new ScriptedHandler(script), RekognitionTestData.Options("http://127.0.0.1:9/", configure));
        return (new RekognitionFaceComparer(client), script);
    }
}
