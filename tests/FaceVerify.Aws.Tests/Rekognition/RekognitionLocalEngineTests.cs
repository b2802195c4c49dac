using FaceVerify.Aws.Rekognition;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>
/// The Rekognition client and adapters against the local Rekognition-compatible face engine (tools/local-aws, face-api.js
/// models), on the demo photos shipped with @vladmandic/face-api: the engine verifies SigV4, so these calls also prove
/// the signing against an independent server implementation.
/// </summary>
[NonParallelizable]
public class RekognitionLocalEngineTests
{
    [Test]
    public async Task DetectFaces_GroupPhoto_FindsSeveralFacesWithRekognitionShape()
    {
        var client = await LocalFaceEngine.ClientAsync("faceverify-engine-detect");
        var analyzer = new RekognitionFaceAnalyzer(client);

        var analysis = await analyzer.AnalyzeAsync(LocalFaceEngine.Sample(1), CancellationToken.None);

        analysis.Rejection.Should().BeNull();
        analysis.Faces.Should().HaveCountGreaterThan(1);
        foreach (var face in analysis.Faces)
        {
            face.Confidence.Should().BeInRange(50, 100);
            face.BoundingBox.Width.Should().BeInRange(0.01, 1);
            face.Landmarks.Should().NotBeEmpty();
            face.TryGetLandmark(LandmarkType.Nose, out var nose).Should().BeTrue();
            nose.X.Should().BeInRange(face.BoundingBox.Left, face.BoundingBox.Left + face.BoundingBox.Width);
            nose.Y.Should().BeInRange(face.BoundingBox.Top, face.BoundingBox.Top + face.BoundingBox.Height);
        }
    }

    [Test]
    public async Task DetectFaces_NotAnImage_RejectedAsInvalidImageFormat()
    {
        var client = await LocalFaceEngine.ClientAsync("faceverify-engine-detect");
        var analyzer = new RekognitionFaceAnalyzer(client);

        var analysis = await analyzer.AnalyzeAsync(new FaceImage("not a jpeg at all"u8.ToArray(), ImageFormat.Jpeg, 640, 480), CancellationToken.None);

        analysis.Rejection.Should().Be(ImageRejection.InvalidImageFormat);
    }

    [Test]
    public async Task IndexFaceThenMatchUser_SamePerson_EnrolsAndMatches()
    {
        var collectionId = "faceverify-engine-" + Guid.NewGuid().ToString("N")[..8];
        var client = await LocalFaceEngine.ClientAsync(collectionId);
        var collection = new RekognitionFaceCollection(client);
        var photo = LocalFaceEngine.Sample(1);
        var faces = (await new RekognitionFaceAnalyzer(client).AnalyzeAsync(photo, CancellationToken.None)).Faces;
        var largest = faces.MaxBy(f => f.BoundingBox.Width * f.BoundingBox.Height)!;
        var reference = await LocalFaceEngine.CropAsync(photo, largest.BoundingBox);
        (await collection.EnsureCollectionAsync()).Should().BeTrue();
        try
        {
            var group = await collection.IndexFaceAsync("alice", photo, CancellationToken.None);
            var enrolled = await collection.IndexFaceAsync("alice", reference, CancellationToken.None);

            // SearchFacesByImage uses the largest face of the probe: the full group photo's largest face is alice.
            var match = await collection.MatchUserAsync("alice", photo, 80, CancellationToken.None);

            TestContext.Out.WriteLine($"match similarity {match.Similarity:F1}");
            group.Reason.Should().Be(EnrolmentReason.MultipleFaces);
            enrolled.Reason.Should().Be(EnrolmentReason.None);
            enrolled.FaceId.Should().MatchRegex("^[0-9a-f-]{36}$");
            match.ProbeFaceFound.Should().BeTrue();
            match.UserEnrolled.Should().BeTrue();
            match.Similarity.Should().BeGreaterThanOrEqualTo(80);
        }
        finally
        {
            await collection.DeleteCollectionAsync();
        }
    }

    [Test]
    public async Task CompareFaces_SamePersonAndDifferentPerson_SimilarityOrdersThem()
    {
        var client = await LocalFaceEngine.ClientAsync("faceverify-engine-compare");
        var comparer = new RekognitionFaceComparer(client);
        var photo = LocalFaceEngine.Sample(1);
        var faces = (await new RekognitionFaceAnalyzer(client).AnalyzeAsync(photo, CancellationToken.None)).Faces
            .OrderByDescending(f => f.BoundingBox.Width * f.BoundingBox.Height).ToArray();
        var first = await LocalFaceEngine.CropAsync(photo, faces[0].BoundingBox);
        var second = await LocalFaceEngine.CropAsync(photo, faces[1].BoundingBox);

        var same = await comparer.CompareAsync(first, photo, CancellationToken.None);
        var different = await comparer.CompareAsync(first, second, CancellationToken.None);

        TestContext.Out.WriteLine($"same person {same.Similarity:F1}, different person {different.Similarity:F1}");
        same.SourceFaceFound.Should().BeTrue();
        same.TargetFaceFound.Should().BeTrue();
        same.Rejection.Should().BeNull();
        same.Similarity.Should().BeGreaterThanOrEqualTo(80, "the group photo contains the source person");
        different.Rejection.Should().BeNull();
        different.Similarity.Should().BeLessThan(same.Similarity);
        different.IsMatch(90).Should().BeFalse();
    }
}
