using System.Net;
using System.Text.Json;
using FaceVerify.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FaceVerify.AspNetCore.Tests;

public class FaceVerificationEndpointRouteBuilderExtensionsTests
{
    [Test]
    public async Task MapFaceVerification_ClientOverTheRateLimit_Gets429ProblemWithRetryAfter()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureEndpoints = o => { o.RateLimitPermitLimit = 3; o.RateLimitWindow = TimeSpan.FromHours(1); } };
        using var alice = factory.ClientFor("alice");
        using var bob = factory.ClientFor("bob");
        for (var i = 0; i < 3; i++)
        {
            (await alice.PostAsync("/faceverify/login/face", ApiClient.Json("{\"sessionId\":\"x\"}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var limited = await alice.PostAsync("/faceverify/login/face", ApiClient.Json("{\"sessionId\":\"x\"}"));
        var otherUser = await bob.PostAsync("/faceverify/login/face", ApiClient.Json("{\"sessionId\":\"x\"}"));

        await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "rate_limited");
        limited.Headers.RetryAfter.Should().NotBeNull();
        otherUser.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task MapFaceVerification_OpenApiDocument_ParsesAndListsEveryMappedRoute()
    {
        using var factory = new FaceVerifyApiFactory();
        using var client = factory.ClientFor(null);

        var response = await client.GetAsync("/faceverify/openapi.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        document.GetProperty("openapi").GetString().Should().StartWith("3.");
        document.GetProperty("servers")[0].GetProperty("url").GetString().Should().Be("/faceverify");
        var paths = document.GetProperty("paths");
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/faceverify", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!["/faceverify".Length..], Method: m.ToLowerInvariant())))
            .ToArray();
        mapped.Should().HaveCount(10, "eight API routes, and GET and HEAD of the web component's files");
        foreach (var (path, method) in mapped)
        {
            paths.TryGetProperty(path, out var item).Should().BeTrue($"{path} is mapped");
            item.TryGetProperty(method, out _).Should().BeTrue($"{method} {path} is mapped");
        }

        paths.EnumerateObject().Sum(p => p.Value.EnumerateObject().Count()).Should().Be(mapped.Length, "the document lists no route that is not mapped");
    }

    [Test]
    public async Task MapFaceVerification_NoAllowedOrigins_SendsNoCorsHeaders()
    {
        using var factory = new FaceVerifyApiFactory();
        using var client = factory.ClientFor("alice");
        using var request = new HttpRequestMessage(HttpMethod.Options, "/faceverify/challenge");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");

        var response = await client.SendAsync(request);

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Test]
    public async Task MapFaceVerification_AllowedOrigin_PreflightIsAllowedForThatOriginOnly()
    {
        using var factory = new FaceVerifyApiFactory { ConfigureEndpoints = o => o.AllowedOrigins.Add("https://app.example") };
        using var client = factory.ClientFor(null);

        var allowed = await client.SendAsync(Preflight("https://app.example"));
        var refused = await client.SendAsync(Preflight("https://evil.example"));

        allowed.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://app.example");
        refused.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Test]
    public async Task MapFaceVerification_InfrastructureFault_Returns503WithoutInternals()
    {
        using var factory = new FaceVerifyApiFactory
        {
            ConfigureServices = s => s.Replace(ServiceDescriptor.Singleton<IFaceCollection>(new FailingCollection())),
        };
        using var client = factory.ClientFor("alice");

        var response = await client.EnrolWithLivenessAsync(TestFrames.Jpeg(640, 480, 1));

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service_unavailable");
        (await response.Content.ReadAsStringAsync()).Should().NotContain("secret-table-name");
    }

    [Test]
    public async Task MapFaceVerification_AuthorizationPolicyConfigured_UnauthenticatedCallersGet401()
    {
        using var factory = new FaceVerifyApiFactory
        {
            ConfigureEndpoints = o => o.AuthorizationPolicy = Program.AdminPolicy,
        };
        using var anonymous = factory.ClientFor(null);
        using var admin = factory.ClientFor("operator", role: "admin");

        var refused = await anonymous.PostAsync("/faceverify/results/redeem", ApiClient.Json("{\"resultToken\":\"x\"}"));
        var allowed = await admin.PostAsync("/faceverify/results/redeem", ApiClient.Json("{\"resultToken\":\"x\"}"));

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        allowed.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await allowed.ReadJsonAsync()).GetProperty("code").GetString().Should().Be("invalid_token");
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/faceverify/challenge");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private sealed class FailingCollection : IFaceCollection
    {
        public ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken)
            => throw new FaceVerificationException("DynamoDB table secret-table-name is unreachable.");

        public ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken)
            => throw new FaceVerificationException("unreachable");

        public ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken) => ValueTask.FromResult(0);
    }
}
