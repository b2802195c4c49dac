using FaceVerify.Testing;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>
/// The scripted analyzer of the endpoint tests, answering by <see cref="TestFrames"/> variant: below 1000 one clear
/// frontal face, 1000–1999 no face, 2000 and above two faces.
/// </summary>
internal static class TestAnalyzer
{
    public const int NoFace = 1000;
    public const int TwoFaces = 2000;

    public static ScriptedFaceAnalyzer Create() => ScriptedFaceAnalyzer.ByVariant(variant => variant switch
    {
        < NoFace => [Good()],
        < TwoFaces => [],
        _ => [Good(), Good()],
    });

    private static FaceDetails Good() => new()
    {
        BoundingBox = new BoundingBox(0.4, 0.5, 0.3, 0.25),
        Confidence = 99.9,
        Pose = new FacePose(0, 0, 0),
    };
}
