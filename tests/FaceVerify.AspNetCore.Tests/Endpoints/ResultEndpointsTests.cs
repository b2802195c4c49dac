using System.Net;
using System.Text.Json;

namespace FaceVerify.AspNetCore.Tests;

public class ResultEndpointsTests : ApiTestBase
{
    [Test]
    public async Task Redeem_ResultTokenOfAPassedSession_ReturnsClaimsOnceThen409()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartWithPassingFramesAsync();

        var resultToken = (await (await client.VerifyAsync(session)).ReadJsonAsync()).GetProperty("resultToken").GetString();
        using var relyingParty = _factory.ClientFor(null);
        var body = ApiClient.Json(JsonSerializer.Serialize(new { resultToken }));

        var first = await relyingParty.PostAsync("/faceverify/results/redeem", body);
        var second = await relyingParty.PostAsync("/faceverify/results/redeem", ApiClient.Json(JsonSerializer.Serialize(new { resultToken })));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var claims = await first.ReadJsonAsync();
        claims.GetProperty("sessionId").GetString().Should().Be(session.Id);
        claims.GetProperty("userId").GetString().Should().Be("alice");
        claims.GetProperty("passed").GetBoolean().Should().BeTrue();
        claims.GetProperty("outcome").GetString().Should().Be("passed");
        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already_redeemed");
    }

    [Test]
    public async Task Redeem_ForgedToken_Returns401()
    {
        using var client = _factory.ClientFor(null);

        var response = await client.PostAsync("/faceverify/results/redeem", ApiClient.Json("{\"resultToken\":\"eyJhbGciOiJub25lIn0.e30.\"}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Test]
    public async Task Redeem_SessionTokenInsteadOfResultToken_Returns401()
    {
        using var client = _factory.ClientFor("alice");
        var session = await client.StartAsync();

        var response = await client.PostAsync("/faceverify/results/redeem", ApiClient.Json(JsonSerializer.Serialize(new { resultToken = session.Token })));

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [TestCase("{}")]
    [TestCase("{\"resultToken\":null}")]
    [TestCase("{\"resultToken\":[]}")]
    [TestCase("nope")]
    public async Task Redeem_MalformedBody_Returns400(string json)
    {
        using var client = _factory.ClientFor(null);

        var response = await client.PostAsync("/faceverify/results/redeem", ApiClient.Json(json));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid_request");
    }
}
