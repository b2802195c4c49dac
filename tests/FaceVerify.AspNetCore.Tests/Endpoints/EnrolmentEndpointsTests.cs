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

        var response = await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 1));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        body.GetProperty("faceId").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("replaced").GetBoolean().Should().BeFalse();
        _factory.Collection.EnrolledUsers.Should().Equal("alice");
    }

    [TestCase(TestAnalyzer.NoFace, "no_face")]
    [TestCase(TestAnalyzer.TwoFaces, "multiple_faces")]
    public async Task Enrol_UnusablePhoto_Returns422WithCode(int variant, string code)
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, variant));

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
    public async Task Enrol_RawPhotoWithoutLivenessSession_Returns422LivenessRequired()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Image(TestFrames.Jpeg(640, 480, 1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "liveness_required");
        _factory.Collection.EnrolledUsers.Should().BeEmpty();
    }

    [Test]
    public async Task Enrol_JsonBodyWithSessionAndBase64Photo_Returns201()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartWithPassingFramesAsync();
        await client.VerifyAsync(session);

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Json(JsonSerializer.Serialize(new { sessionId = session.Id, photoBase64 = Convert.ToBase64String(TestFrames.Jpeg(640, 480, 1)) })));

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        _factory.Collection.EnrolledUsers.Should().Equal("alice");
    }

    [Test]
    public async Task Enrol_JsonBodyWithoutPhoto_Returns400()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", ApiClient.Json("{\"userId\":\"bob\"}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    [Test]
    public async Task Enrol_OtherContentType_Returns415()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/enrolments", new StringContent("photo", System.Text.Encoding.UTF8, "text/plain"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Test]
    public async Task Enrol_UnknownSession_Returns404SessionNotFound()
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.EnrolAsync(TestFrames.Jpeg(640, 480, 1), "no-such-session");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "session_not_found");
    }

    [Test]
    public async Task Enrol_SecondTimeWithoutStepUp_Returns403StepUpRequired()
    {
        using var client = _factory.ClientFor("alice");
        (await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 1))).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 2));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "step_up_required");
    }

    [Test]
    public async Task Enrol_OverTheAttemptLimit_Returns429LockedOutWithRetryAfter()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureCore = o => o.MaxEnrolmentsPerUser = 1 };
        using var client = factory.ClientFor("alice");
        await client.EnrolAsync(TestFrames.Jpeg(640, 480, 1), "no-such-session");

        var response = await client.EnrolAsync(TestFrames.Jpeg(640, 480, 1), "no-such-session");

        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "locked_out");
        response.Headers.RetryAfter.Should().NotBeNull();
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

        var response = await client.EnrolAsync(TestFrames.Jpeg(640, 480, 1).Concat(new byte[4096]).ToArray(), "any-session");

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    }

    [Test]
    public async Task DeleteBiometrics_Self_Returns204AndLeavesNothing()
    {
        using var client = _factory.ClientFor("alice");
        (await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 1))).StatusCode.Should().Be(HttpStatusCode.Created);
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
        (await alice.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 1))).StatusCode.Should().Be(HttpStatusCode.Created);

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
        (await alice.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 1))).StatusCode.Should().Be(HttpStatusCode.Created);

        var response = await admin.DeleteAsync("/faceverify/users/alice/biometrics");

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        _factory.Collection.EnrolledUsers.Should().BeEmpty();
    }
}
