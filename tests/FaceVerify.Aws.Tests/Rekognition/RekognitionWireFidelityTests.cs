namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>
/// Responses as AWS may send them tomorrow: a landmark type and an emotion this version does not know, and attributes
/// it does not model (FaceOccluded, EyeDirection), must not fail the whole DetectFaces response.
/// </summary>
public class RekognitionWireFidelityTests
{
    [Test]
    public async Task AnalyzeAsync_UnknownLandmarkTypeAndEmotion_SkipsTheUnknownAndReadsTheRest()
    {
        var script = new RekognitionScript();
        script.Then(ScriptedResponse.Ok("detect-faces-new-enums.json"));
        var client = RekognitionTestData.Client(new ScriptedHandler(script), RekognitionTestData.Options("http://127.0.0.1:9/", null));
        var analyzer = new FaceVerify.Aws.Rekognition.RekognitionFaceAnalyzer(client);

        var analysis = await analyzer.AnalyzeAsync(RekognitionTestData.Image(), CancellationToken.None);

        analysis.Rejection.Should().BeNull();
        analysis.Faces.Should().HaveCount(2);
        analysis.Faces[0].Landmarks.Should().HaveCount(8, "the unknown pupilCentreLeft landmark is skipped, the 8 known ones are read");
        analysis.Faces[0].TryGetLandmark(LandmarkType.Nose, out var nose).Should().BeTrue();
        nose.Should().Be(new Landmark(LandmarkType.Nose, 0.4776, 0.5337));
    }

    [Test]
    public void FaceDetailsJson_UnknownLandmarkType_RoundTripsKnownLandmarks()
    {
        var faces = FaceDetailsJson.ParseArray("""[{"Confidence":99,"Landmarks":[{"Type":"nose","X":0.5,"Y":0.5},{"Type":"chinTip","X":0.5,"Y":0.9}]}]""");

        faces[0].Landmarks.Should().Equal(new Landmark(LandmarkType.Nose, 0.5, 0.5));
        FaceDetailsJson.Serialize(faces).Should().Contain("\"nose\"");
    }

    [Test]
    public void FaceDetailsJson_LandmarkWithoutKnownShape_StillFailsLoudly()
    {
        var act = () => FaceDetailsJson.ParseArray("""[{"Landmarks":{"Type":"nose"}}]""");

        act.Should().Throw<System.Text.Json.JsonException>("a malformed response is not an unknown enum value");
    }
}
