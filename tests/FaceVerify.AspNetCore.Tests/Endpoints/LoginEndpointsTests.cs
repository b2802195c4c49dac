using System.Net;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.AspNetCore.Tests;

public class LoginEndpointsTests : ApiTestBase
{
    [Test]
    public async Task Login_PassedSessionOfAnEnrolledUser_SucceedsWithSimilarityAndResultToken()
    {
        using var client = _factory.ClientFor("alice");
        var session = await PassedSessionAsync(client, enrol: true);

        var body = await LoginAsync(client, session.Id);

        body.GetProperty("success").GetBoolean().Should().BeTrue();
        body.GetProperty("reason").GetString().Should().Be("passed");
        body.GetProperty("similarity").GetDouble().Should().Be(99);
        body.GetProperty("resultToken").GetString().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Login_FaceBelowThreshold_FailsWithFaceMismatch()
    {
        using var client = _factory.ClientFor("alice");
        var session = await PassedSessionAsync(client, enrol: true);
        _factory.Comparer.Similarity = 42;

        var body = await LoginAsync(client, session.Id);

        body.GetProperty("success").GetBoolean().Should().BeFalse();
        body.GetProperty("reason").GetString().Should().Be("face_mismatch");
        body.TryGetProperty("resultToken", out _).Should().BeFalse();
    }

    [Test]
    public async Task Login_NotEnrolled_FailsWithNotEnrolled()
    {
        using var client = _factory.ClientFor("alice");
        var session = await PassedSessionAsync(client, enrol: false);

        var body = await LoginAsync(client, session.Id);

        body.GetProperty("reason").GetString().Should().Be("not_enrolled");
    }

    [Test]
    public async Task Login_UnknownSessionAndAnotherUsersSession_AnswerIdentically()
    {
        using var alice = _factory.ClientFor("alice");
        using var bob = _factory.ClientFor("bob");
        var alicesSession = await PassedSessionAsync(alice, enrol: true);
        await PassedSessionAsync(bob, enrol: true);

        var other = await bob.PostAsync("/faceverify/login/face", ApiClient.Json(JsonSerializer.Serialize(new { sessionId = alicesSession.Id })));
        var unknown = await bob.PostAsync("/faceverify/login/face", ApiClient.Json(JsonSerializer.Serialize(new { sessionId = "no-such-session" })));

        other.StatusCode.Should().Be(unknown.StatusCode).And.Be(HttpStatusCode.OK);
        (await other.Content.ReadAsStringAsync()).Should().Be(await unknown.Content.ReadAsStringAsync());
        (await other.ReadJsonAsync()).GetProperty("reason").GetString().Should().Be("session_not_found");
    }

    [Test]
    public async Task Login_SameSessionTwice_SecondIsRefused()
    {
        using var client = _factory.ClientFor("alice");
        var session = await PassedSessionAsync(client, enrol: true);
        await LoginAsync(client, session.Id);

        var second = await LoginAsync(client, session.Id);

        second.GetProperty("success").GetBoolean().Should().BeFalse();
        second.GetProperty("reason").GetString().Should().Be("session_already_used");
    }

    [Test]
    public async Task Login_NoSignedInUser_Returns401()
    {
        using var client = _factory.ClientFor(null);

        var response = await client.PostAsync("/faceverify/login/face", ApiClient.Json("{\"sessionId\":\"x\"}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [TestCase("{}")]
    [TestCase("{\"sessionId\":1}")]
    [TestCase("{\"sessionId\":\"\"}")]
    [TestCase("[")]
    public async Task Login_MalformedBody_Returns400(string json)
    {
        using var client = _factory.ClientFor("alice");

        var response = await client.PostAsync("/faceverify/login/face", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }

    private static async Task<StartedSession> PassedSessionAsync(HttpClient client, bool enrol)
    {
        if (enrol)
        {
            (await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 900))).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var session = await client.StartWithPassingFramesAsync();

        (await (await client.VerifyAsync(session)).ReadJsonAsync()).GetProperty("outcome").GetString().Should().Be("passed");
        return session;
    }

    private static async Task<JsonElement> LoginAsync(HttpClient client, string sessionId)
    {
        var response = await client.PostAsync("/faceverify/login/face", ApiClient.Json(JsonSerializer.Serialize(new { sessionId })));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }
}
