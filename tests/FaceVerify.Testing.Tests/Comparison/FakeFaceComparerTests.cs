namespace FaceVerify.Testing.Tests.Comparison;

public class FakeFaceComparerTests
{
    private static readonly FaceImage Image = new(TestFrames.Png(480, 480, 1), ImageFormat.Png, 480, 480);

    [Test]
    public async Task CompareAsync_AnswersTheSettableSimilarityAndCounts()
    {
        var comparer = new FakeFaceComparer { Similarity = 42 };

        var result = await comparer.CompareAsync(Image, Image, default);

        result.Similarity.Should().Be(42);
        comparer.Calls.Should().Be(1);
    }

    [Test]
    public async Task CompareAsync_Function_DecidesPerPair()
    {
        var comparer = new FakeFaceComparer { SimilarityFunction = (source, target) => TestFrames.ReadVariant(target.Content.Span) == 1 ? 95 : 10 };

        (await comparer.CompareAsync(Image, Image, default)).Similarity.Should().Be(95);
    }

    [Test]
    public async Task FakeFaceCollection_MatchesOnlyEnrolledUsers()
    {
        var collection = new FakeFaceCollection { Similarity = 93 };
        await collection.IndexFaceAsync("alice", Image, default);

        (await collection.MatchUserAsync("alice", Image, 90, default)).Similarity.Should().Be(93);
        (await collection.MatchUserAsync("bob", Image, 90, default)).Similarity.Should().Be(0);
        collection.EnrolledUsers.Should().Equal("alice");
        (await collection.DeleteUserFacesAsync("alice", default)).Should().Be(1);
    }
}
