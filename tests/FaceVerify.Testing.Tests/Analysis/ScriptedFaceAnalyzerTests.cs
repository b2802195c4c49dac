namespace FaceVerify.Testing.Tests.Analysis;

public class ScriptedFaceAnalyzerTests
{
    private static readonly FaceDetails A = Face.CenteredAt(0.5, 0.5, 0.3, 0.4).Build();
    private static readonly FaceDetails B = Face.CenteredAt(0.2, 0.2, 0.1, 0.1).Build();

    private static FaceImage Jpeg(int variant) => new(TestFrames.Jpeg(480, 480, variant), ImageFormat.Jpeg, 480, 480);

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", "Rekognition", name));

    [Test]
    public async Task FromQueue_AnswersInOrderThenNoFace()
    {
        var analyzer = ScriptedFaceAnalyzer.FromQueue([new FaceAnalysis([A]), new FaceAnalysis([A, B])]);

        (await analyzer.AnalyzeAsync(Jpeg(0), default)).Faces.Should().HaveCount(1);
        (await analyzer.AnalyzeAsync(Jpeg(0), default)).Faces.Should().HaveCount(2);
        (await analyzer.AnalyzeAsync(Jpeg(0), default)).Faces.Should().BeEmpty();
        analyzer.Calls.Should().Be(3);
    }

    [Test]
    public async Task Function_GetsTheImageAndTheCallIndex()
    {
        var seen = new List<(int Width, int Index)>();
        var analyzer = new ScriptedFaceAnalyzer((image, index) =>
        {
            seen.Add((image.Width, index));
            return FaceAnalysis.NoFaces;
        });

        await analyzer.AnalyzeAsync(Jpeg(0), default);
        await analyzer.AnalyzeAsync(Jpeg(1), default);

        seen.Should().Equal((480, 0), (480, 1));
    }

    [Test]
    public async Task ByVariant_AnswersByTheTestFrameVariant()
    {
        var analyzer = ScriptedFaceAnalyzer.ByVariant(v => v == 7 ? [A, B] : [A]);

        (await analyzer.AnalyzeAsync(Jpeg(7), default)).Faces.Should().HaveCount(2);
        (await analyzer.AnalyzeAsync(Jpeg(1), default)).Faces.Should().HaveCount(1);
        (await analyzer.AnalyzeAsync(new FaceImage(new byte[] { 1, 2, 3 }, ImageFormat.Jpeg, 1, 1), default)).Faces.Should().BeEmpty();
    }

    [Test]
    public async Task FromRekognitionJson_RecordedResponse_ParsedByTheRealCode()
    {
        var analyzer = ScriptedFaceAnalyzer.FromRekognitionJson(Fixture("detect-faces-one-face.json"));

        var analysis = await analyzer.AnalyzeAsync(Jpeg(0), default);

        var face = analysis.Faces.Should().ContainSingle().Subject;
        face.BoundingBox.Left.Should().Be(0.3125);
        face.Landmarks.Should().HaveCount(30);
        face.TryGetLandmark(LandmarkType.Nose, out _).Should().BeTrue();
        face.Confidence.Should().BeGreaterThan(90);
    }

    [Test]
    public async Task FromRekognitionJson_RecordedSession_AnswersOneResponsePerCall()
    {
        var analyzer = ScriptedFaceAnalyzer.FromRekognitionJson(
            [Fixture("detect-faces-one-face.json"), Fixture("detect-faces-two-faces.json"), Fixture("detect-faces-no-face.json")]);

        var counts = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            counts.Add((await analyzer.AnalyzeAsync(Jpeg(i), default)).Faces.Count);
        }

        counts.Should().Equal(1, 2, 0, 0);
    }

    [Test]
    public void FromRekognitionJson_NotADetectFacesResponse_Throws()
        => FluentActions.Invoking(() => ScriptedFaceAnalyzer.FromRekognitionJson("""{"Faces":[]}""")).Should().Throw<System.Text.Json.JsonException>();

    [Test]
    public async Task Play_AnswersEachSequenceFrameByVariantInAnyOrder()
    {
        var frames = FrameSequence.Create(480, 480).Add(A).Add(A, B).AddNoFace();
        var analyzer = ScriptedFaceAnalyzer.ForSequence(frames, firstVariant: 100);

        (await analyzer.AnalyzeAsync(Jpeg(101), default)).Faces.Should().HaveCount(2);
        (await analyzer.AnalyzeAsync(Jpeg(100), default)).Faces.Should().ContainSingle().Which.Should().BeSameAs(A);
        (await analyzer.AnalyzeAsync(Jpeg(102), default)).Faces.Should().BeEmpty();
        (await analyzer.AnalyzeAsync(Jpeg(103), default)).Faces.Should().BeEmpty("the sequence has three frames");
        (await analyzer.AnalyzeAsync(Jpeg(99), default)).Faces.Should().BeEmpty();
    }

    [Test]
    public async Task Play_ReplacesTheScript()
    {
        var analyzer = ScriptedFaceAnalyzer.ByVariant(_ => [A, B]);

        analyzer.Play(FrameSequence.Create(480, 480).Add(A));

        (await analyzer.AnalyzeAsync(Jpeg(0), default)).Faces.Should().ContainSingle();
    }

    [Test]
    public async Task FailNext_ThrowsThatManyTimesThenAnswers()
    {
        var analyzer = ScriptedFaceAnalyzer.Always(new FaceAnalysis([A]));
        analyzer.FailNext(2);

        await analyzer.Invoking(a => a.AnalyzeAsync(Jpeg(0), default).AsTask()).Should().ThrowAsync<IOException>();
        await analyzer.Invoking(a => a.AnalyzeAsync(Jpeg(0), default).AsTask()).Should().ThrowAsync<IOException>();
        (await analyzer.AnalyzeAsync(Jpeg(0), default)).Faces.Should().ContainSingle();
        analyzer.Calls.Should().Be(3);
    }

    [Test]
    public async Task Always_Rejection_IsReturned()
    {
        var analyzer = ScriptedFaceAnalyzer.Always(FaceAnalysis.Rejected(ImageRejection.InvalidImageFormat));

        (await analyzer.AnalyzeAsync(Jpeg(0), default)).Rejection.Should().Be(ImageRejection.InvalidImageFormat);
    }

    [Test]
    public async Task Latency_WaitsOnTheManualClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var analyzer = new ScriptedFaceAnalyzer((_, _) => new FaceAnalysis([A])) { Latency = TimeSpan.FromSeconds(2), TimeProvider = clock };

        var pending = analyzer.AnalyzeAsync(Jpeg(0), default).AsTask();
        pending.IsCompleted.Should().BeFalse();
        clock.Advance(TimeSpan.FromSeconds(2));

        (await pending).Faces.Should().ContainSingle();
    }
}
