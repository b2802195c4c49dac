using System.Net;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.AspNetCore.Tests;

public class EnrolmentEndpointsTests : ApiTestBase
{
    [Test]
    public async Task Enrol_JpegWithOneFace_Returns201WithFaceId()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1)));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await response.ReadJsonAsync()).GetProperty("faceId").GetString().Should().NotBeNullOrEmpty();
        _factory.Collection.EnrolledUsers.Should().Equal("alice");
    }

    [TestCase(TestAnalyzer.NoFace, "no_face")]
    [TestCase(TestAnalyzer.TwoFaces, "multiple_faces")]
    public async Task Enrol_UnusablePhoto_Returns422WithCode(int variant, string code)
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, variant)));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, code);
        _factory.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task Enrol_TinyPhoto_Returns422LowQuality()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(40, 40, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "low_quality");
    }

    [Test]
    public async Task Enrol_BytesThatAreNoImage_Returns422InvalidImage()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image("not an image at all"u8.ToArray()));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid_image");
    }

    [Test]
    public async Task Enrol_JsonBody_Returns415()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Json("{\"userId\":\"bob\"}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task Enrol_NoSignedInUser_Returns401()
    {
        using var client = _factory.ClientFor(null);

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task Enrol_PhotoOverLimit_Returns413()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.MaxEnrolmentPhotoBytes = 2048 };
        using var client = factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1).Concat(new byte[4096]).ToArray()));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Test]
    public async Task DeleteBiometrics_Self_Returns204AndLeavesNothing()
    {
        using var client = _factory.ClientFor("alice");
        await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1)));
        var session = await client.StartWithPassingFramesAsync();

        await client.VerifyAsync(session);

        var response = await client.DeleteAsync("/faceverify/users/alice/biometrics");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _factory.Collection.EnrolledUsers.Should().BeEmpty();
        var attempts = _factory.Services.GetRequiredServiceForTest<IAttemptStore>();
        (await attempts.GetSessionAsync(session.Id, CancellationToken.None)).Should().BeNull();
        (await attempts.GetFramesAsync(session.Id, CancellationToken.None)).Should().BeEmpty();
        (await attempts.GetSessionIdsForUserAsync("alice", CancellationToken.None)).Should().BeEmpty();
        await (await client.PutRawFrameAsync(session, 9)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "session_not_found");
        var login = await (await client.PostAsync("/faceverify/login/face", ApiClient.Json(JsonSerializer.Serialize(new { sessionId = session.Id })))).ReadJsonAsync();
        login.GetProperty("success").GetBoolean().Should().BeFalse();
        login.GetProperty("reason").GetString().Should().Be("session_not_found");
    }

    [Test]
    public async Task DeleteBiometrics_AnotherUser_Returns403AndDeletesNothing()
    {
        using var alice = _factory.ClientFor("alice");
        using var bob = _factory.ClientFor("bob");
        await alice.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1)));

        var response = await bob.DeleteAsync("/faceverify/users/alice/biometrics");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        _factory.Collection.EnrolledUsers.Should().Equal("alice");
    }

    [Test]
    public async Task DeleteBiometrics_NoSignedInUser_Returns401()
    {
        using var client = _factory.ClientFor(null);

        var response = await client.DeleteAsync("/faceverify/users/alice/biometrics");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [Test]
    public async Task DeleteBiometrics_CallerPassingTheAdminPolicy_Returns204()
    {
        using var alice = _factory.ClientFor("alice");
        using var admin = _factory.ClientFor("operator", role: "admin");
        await alice.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1)));

        var response = await admin.DeleteAsync("/faceverify/users/alice/biometrics");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _factory.Collection.EnrolledUsers.Should().BeEmpty();
    }
}
