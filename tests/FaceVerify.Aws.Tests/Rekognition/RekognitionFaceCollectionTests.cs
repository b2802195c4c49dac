using System.Net;
using FaceVerify.Aws.Rekognition;

namespace FaceVerify.Aws.Tests.Rekognition;

public class RekognitionFaceCollectionTests
{
    private const string AliceOpaque = "261c8e19d4ee69a7bcfd1d8e274f131b";

    [Test]
    public void OpaqueUserId_Alice_MatchesRecordedExternalImageId() => FrameKeys.OpaqueUserId("alice").Should().Be(AliceOpaque);

    [Test]
    public async Task IndexFaceAsync_OneFace_DetectsThenIndexesUnderOpaqueUserId()
    {
        var (collection, script) = Create(o => o.QualityFilter = "MEDIUM");
        script.Then(ScriptedResponse.Ok("detect-faces-default-one.json")).Then(ScriptedResponse.Ok("index-faces.json"));

        var result = await collection.IndexFaceAsync("alice", RekognitionTestData.Image(), CancellationToken.None);

        result.Should().Be(new EnrolmentResult(EnrolmentReason.None, "ff43d742-0c13-5d16-a3e8-03d3f58e980b"));
        script.Requests.Select(r => r.Operation).Should().Equal("DetectFaces", "IndexFaces");
        var index = script.Requests[1].Json;
        index.GetProperty("CollectionId").GetString().Should().Be("faceverify-tests");
        index.GetProperty("ExternalImageId").GetString().Should().Be(AliceOpaque);
        index.GetProperty("MaxFaces").GetInt32().Should().Be(1);
        index.GetProperty("DetectionAttributes").EnumerateArray().Select(a => a.GetString()).Should().Equal("DEFAULT");
        index.GetProperty("QualityFilter").GetString().Should().Be("MEDIUM");
    }

    [TestCase("detect-faces-none.json", EnrolmentReason.NoFace)]
    [TestCase("detect-faces-all.json", EnrolmentReason.MultipleFaces)]
    public async Task IndexFaceAsync_NotExactlyOneFace_RefusedWithoutIndexing(string detectFixture, EnrolmentReason expected)
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok(detectFixture));

        var result = await collection.IndexFaceAsync("alice", RekognitionTestData.Image(), CancellationToken.None);

        result.Reason.Should().Be(expected);
        result.Succeeded.Should().BeFalse();
        script.Requests.Select(r => r.Operation).Should().Equal("DetectFaces");
    }

    [Test]
    public async Task IndexFaceAsync_FaceFilteredByQuality_ReturnsLowQuality()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("detect-faces-default-one.json")).Then(ScriptedResponse.Ok("index-faces-unindexed.json"));

        var result = await collection.IndexFaceAsync("alice", RekognitionTestData.Image(), CancellationToken.None);

        result.Should().Be(new EnrolmentResult(EnrolmentReason.LowQuality));
    }

    [Test]
    public async Task IndexFaceAsync_UnreadableImage_ReturnsInvalidImage()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "invalid-image-format.json"));

        var result = await collection.IndexFaceAsync("alice", RekognitionTestData.Image(), CancellationToken.None);

        result.Reason.Should().Be(EnrolmentReason.InvalidImage);
    }

    [Test]
    public async Task IndexFaceAsync_CollectionMissing_ThrowsConfigurationErrorNamingCollectionAndRegion()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("detect-faces-default-one.json")).Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "resource-not-found.json"));

        var act = async () => await collection.IndexFaceAsync("alice", RekognitionTestData.Image(), CancellationToken.None);

        var error = (await act.Should().ThrowExactlyAsync<FaceVerificationException>()).Which;
        error.Message.Should().Contain("collection 'faceverify-tests'").And.Contain("region 'eu-west-1'").And.Contain("CollectionId");
    }

    [Test]
    public async Task MatchUserAsync_MatchesOfSeveralUsers_ReportsOnlyClaimedUsersSimilarity()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("search-faces-by-image.json"));

        var match = await collection.MatchUserAsync("alice", RekognitionTestData.Image(), 90, CancellationToken.None);

        match.Should().Be(new FaceMatch(96.4, true, true));
        var request = script.Requests.Single().Json;
        request.GetProperty("FaceMatchThreshold").GetDouble().Should().Be(90);
        request.GetProperty("MaxFaces").GetInt32().Should().Be(10);
        request.GetProperty("CollectionId").GetString().Should().Be("faceverify-tests");
    }

    [Test]
    public async Task MatchUserAsync_OnlyOtherUserMatches_ZeroAndEnrolmentFromListFaces()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("search-faces-by-image-other-user.json"))
            .Then(ScriptedResponse.Ok("list-faces-page1.json"))
            .Then(ScriptedResponse.Ok("list-faces-page2.json"));

        var match = await collection.MatchUserAsync("alice", RekognitionTestData.Image(), 90, CancellationToken.None);

        match.Should().Be(new FaceMatch(0, true, true));
    }

    [Test]
    public async Task MatchUserAsync_UserNeverEnrolled_ReportsNotEnrolled()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("search-faces-by-image-other-user.json"))
            .Then(ScriptedResponse.Ok("list-faces-page1.json"))
            .Then(ScriptedResponse.Ok("list-faces-page2.json"));

        var match = await collection.MatchUserAsync("carol", RekognitionTestData.Image(), 90, CancellationToken.None);

        match.Should().Be(new FaceMatch(0, true, false));
    }

    [Test]
    public async Task MatchUserAsync_ProbeWithoutFace_ReportsProbeFaceNotFound()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "invalid-parameter-no-face.json"))
            .Then(ScriptedResponse.Ok("list-faces-empty.json"));

        var match = await collection.MatchUserAsync("alice", RekognitionTestData.Image(), 90, CancellationToken.None);

        match.Should().Be(new FaceMatch(0, false, false));
    }

    [Test]
    public async Task DeleteUserFacesAsync_PagedList_DeletesOnlyThatUsersFaceIds()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("list-faces-page1.json"))
            .Then(ScriptedResponse.Ok("list-faces-page2.json"))
            .Then(ScriptedResponse.Ok("delete-faces.json"));

        var deleted = await collection.DeleteUserFacesAsync("alice", CancellationToken.None);

        deleted.Should().Be(2);
        script.Requests.Select(r => r.Operation).Should().Equal("ListFaces", "ListFaces", "DeleteFaces");
        script.Requests[0].Json.TryGetProperty("NextToken", out _).Should().BeFalse();
        script.Requests[1].Json.GetProperty("NextToken").GetString().Should().Be("page-2");
        script.Requests[2].Json.GetProperty("FaceIds").EnumerateArray().Select(f => f.GetString())
            .Should().Equal("ff43d742-0c13-5d16-a3e8-03d3f58e980b", "0b7a3c1e-8d55-4f3a-a0e1-3c6d2b9f4e11");
    }

    [Test]
    public async Task DeleteUserFacesAsync_NoFaces_CallsNoDelete()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("list-faces-empty.json"));

        var deleted = await collection.DeleteUserFacesAsync("alice", CancellationToken.None);

        deleted.Should().Be(0);
        script.Requests.Select(r => r.Operation).Should().Equal("ListFaces");
    }

    [Test]
    public async Task DeleteFacesAsync_KnownIds_OneDeleteFacesAndNoListing()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Ok("delete-faces.json"));

        var deleted = await collection.DeleteFacesAsync("alice", ["ff43d742-0c13-5d16-a3e8-03d3f58e980b"], CancellationToken.None);

        deleted.Should().BeGreaterThan(0);
        script.Requests.Select(r => r.Operation).Should().Equal("DeleteFaces");
        script.Requests[0].Json.GetProperty("FaceIds").EnumerateArray().Select(f => f.GetString()).Should().Equal("ff43d742-0c13-5d16-a3e8-03d3f58e980b");
    }

    [Test]
    public async Task EnsureCollectionAsync_Exists_ReturnsFalse()
    {
        var (collection, script) = Create();
        script.Then(ScriptedResponse.Error(HttpStatusCode.BadRequest, "resource-already-exists.json"));

        (await collection.EnsureCollectionAsync()).Should().BeFalse();
    }

    private static (RekognitionFaceCollection Collection, RekognitionScript Script) Create(Action<RekognitionOptions>? configure = null)
    {
        var script = new RekognitionScript();
        var client = RekognitionTestData.Client(new ScriptedHandler(script), RekognitionTestData.Options("http://127.0.0.1:9/", configure));
        return (new RekognitionFaceCollection(client), script);
    }
}
