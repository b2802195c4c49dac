using System.Net;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Testing;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>The local engine's passive presentation-attack adapter against a scripted endpoint.</summary>
public class LocalEnginePresentationAttackDetectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task EvaluateAsync_ScoresFirstAndDecidingFrames_KeepsTheHighestScore()
    {
        var (detector, script) = Create(0.5);
        script.Then(Faces(0.9, 0.95)).Then(Faces(0.3, 0.99));

        var verdict = await detector.EvaluateAsync(Arguments(3), CancellationToken.None);

        script.Requests.Should().HaveCount(2).And.OnlyContain(r => r.Operation == "DetectPresentationAttack");
        verdict.Score.Should().BeApproximately(0.7, 1e-9);
        verdict.IsAttack.Should().BeTrue();
        verdict.Detail.Should().Contain("0.7").And.Contain("0.5");
    }

    [Test]
    public async Task EvaluateAsync_LiveFaces_BelowTheThreshold_IsGenuineWithItsScore()
    {
        var (detector, script) = Create(0.9);
        script.Then(Faces(0.8, 0.99)).Then(Faces(0.7, 0.9));

        var verdict = await detector.EvaluateAsync(Arguments(2), CancellationToken.None);

        verdict.IsAttack.Should().BeFalse();
        verdict.Score.Should().BeApproximately(0.3, 1e-9);
    }

    [Test]
    public async Task EvaluateAsync_NoFaceFoundByTheModels_ScoresOne()
    {
        var (detector, script) = Create(0.9);
        script.Then(new ScriptedResponse(HttpStatusCode.OK, """{"Faces":[]}""")).Then(Faces(0.9, 0.9));

        var verdict = await detector.EvaluateAsync(Arguments(2), CancellationToken.None);

        verdict.Score.Should().Be(1);
        verdict.IsAttack.Should().BeTrue();
    }

    [Test]
    public void AttackScore_IsOneMinusTheWeakerModel_ClampedAndTotal()
    {
        LocalEnginePresentationAttackDetector.AttackScore(new PresentationAttackFace(null, 0.8, 0.6, 99)).Should().BeApproximately(0.4, 1e-9);
        LocalEnginePresentationAttackDetector.AttackScore(new PresentationAttackFace(null, 1.7, double.NaN, 99)).Should().Be(1);
        LocalEnginePresentationAttackDetector.AttackScore(null).Should().Be(1);
    }

    private static ScriptedResponse Faces(double real, double live)
        => new(HttpStatusCode.OK, $$"""{"Faces":[{"BoundingBox":{"Width":0.4,"Height":0.5,"Left":0.3,"Top":0.2},"Real":{{real}},"Live":{{live}},"Confidence":99}]}""");

    private static PresentationAttackArguments Arguments(int frames)
    {
        var records = Enumerable.Range(0, frames).Select(i => new FrameRecord
        {
            SessionId = "s",
            Sequence = i,
            ReceivedAt = Now,
            ContentHash = $"h{i}",
            StorageKey = $"k{i}",
            Format = ImageFormat.Jpeg,
            Length = 4,
            RetainUntil = Now.AddDays(1),
            Analysis = new StoredAnalysis([Face.At(0.3, 0.2, 0.4, 0.5).Build()], null, Now),
        }).ToArray();
        return new PresentationAttackArguments(null!, records, (f, _) => ValueTask.FromResult(new FaceImage(new byte[] { 0xff, 0xd8, 0xff, (byte)f.Sequence }, ImageFormat.Jpeg, 480, 480)));
    }

    private static (LocalEnginePresentationAttackDetector Detector, RekognitionScript Script) Create(double threshold)
    {
        var script = new RekognitionScript();
        var client = RekognitionTestData.Client(new ScriptedHandler(script), RekognitionTestData.Options("http://127.0.0.1:9/"));
        return (new LocalEnginePresentationAttackDetector(client, new LocalEnginePresentationAttackOptions { MaxAttackScore = threshold }), script);
    }
}
