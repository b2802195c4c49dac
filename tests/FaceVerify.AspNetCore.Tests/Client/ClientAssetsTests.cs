using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>The web component's files served by <c>MapFaceVerification()</c> at <c>{prefix}/client/</c>.</summary>
public class ClientAssetsTests : ApiTestBase
{
    [TestCase("faceverify.js")]
    [TestCase("faceverify.messages.js")]
    public async Task Get_ComponentFile_IsServedAnonymouslyAsJavaScriptWithCacheHeaders(string file)
    {
        using var client = _factory.ClientFor(user: null);

        var response = await client.GetAsync($"/faceverify/client/{file}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        response.Headers.CacheControl!.Public.Should().BeTrue();
        response.Headers.CacheControl.MaxAge.Should().Be(TimeSpan.FromHours(1));
        response.Headers.ETag.Should().NotBeNull();
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Test]
    public async Task Get_Component_DefinesTheCustomElementAndImportsItsMessagesRelatively()
    {
        using var client = _factory.ClientFor(user: null);

        var script = await client.GetStringAsync("/faceverify/client/faceverify.js");

        script.Should().Contain("customElements.define(TAG, FaceVerifyLiveness)").And.Contain("'faceverify-liveness'");
        script.Should().Contain("from './faceverify.messages.js'");
    }

    [Test]
    public async Task Get_WithTheETag_AnswersNotModified()
    {
        using var client = _factory.ClientFor(user: null);
        var first = await client.GetAsync("/faceverify/client/faceverify.js");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/faceverify/client/faceverify.js");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await client.SendAsync(request);

        second.StatusCode.Should().Be(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task IntegrityJson_MatchesTheSha384OfEachServedFile()
    {
        using var client = _factory.ClientFor(user: null);

        var integrity = JsonDocument.Parse(await client.GetStringAsync("/faceverify/client/integrity.json")).RootElement;

        foreach (var file in new[] { "faceverify.js", "faceverify.messages.js" })
        {
            var bytes = await client.GetByteArrayAsync($"/faceverify/client/{file}");
            integrity.GetProperty(file).GetString().Should().Be("sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)));
        }
    }

    [TestCase("../appsettings.json")]
    [TestCase("other.js")]
    [TestCase("FaceVerify.AspNetCore.openapi.json")]
    public async Task Get_AnythingElse_IsNotFound(string file)
    {
        using var client = _factory.ClientFor(user: null);

        var response = await client.GetAsync($"/faceverify/client/{Uri.EscapeDataString(file)}");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Get_ClientDisabled_IsNotFound()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureEndpoints = o => o.EnableClient = false };
        using var client = factory.ClientFor(user: null);

        var response = await client.GetAsync("/faceverify/client/faceverify.js");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
