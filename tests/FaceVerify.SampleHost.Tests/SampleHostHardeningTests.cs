using System.Net;
using System.Text;

namespace FaceVerify.SampleHost.Tests;

/// <summary>
/// The sample host's HTTP hardening (issue 12, items 7 and 9) against the real host process, over HTTP without a
/// browser: security headers on the page, no-store on API responses, and the per-address attempt limit directly and
/// behind a configured reverse proxy (X-Forwarded-For).
/// </summary>
[NonParallelizable]
public class SampleHostHardeningTests
{
    private const string PerAddressLimit = "--FaceVerify:MaxSessionsPerAddress=3";

    [Test]
    public async Task Page_SendsCspWithFrameAncestorsAndNosniff_ApiSendsNoStore()
    {
        await using var host = await SampleHostProcess.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var page = await http.GetAsync("/");
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("frame-ancestors 'none'").And.Contain("script-src 'self'").And.Contain("object-src 'none'").And.NotContain("unsafe-inline");
        page.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        using var script = await http.GetAsync("/js/app.js");
        script.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");

        using var start = await StartAsync(http, "carol", forwardedFor: null);
        start.StatusCode.Should().Be(HttpStatusCode.OK, await start.Content.ReadAsStringAsync());
        start.Headers.CacheControl!.NoStore.Should().BeTrue("the response carries a session token");
    }

    [Test]
    public async Task Direct_XForwardedForFromAnUntrustedPeer_IsIgnored()
    {
        // No proxy configured: a client cannot escape its address's bucket by inventing X-Forwarded-For values.
        await using var host = await SampleHostProcess.StartAsync(PerAddressLimit);
        using var http = new HttpClient { BaseAddress = host.Address };

        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var response = await StartAsync(http, $"user{i}", $"198.51.100.{i}");
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task BehindConfiguredProxy_EachClientHasItsOwnBucket()
    {
        // The proxy (here: the test, on 127.0.0.1) appends the client's address; the host trusts only that proxy.
        await using var host = await SampleHostProcess.StartAsync(PerAddressLimit, "--ForwardedHeaders:KnownProxies:0=127.0.0.1");
        using var http = new HttpClient { BaseAddress = host.Address };

        // Five different clients behind the one proxy: none is locked out by the others (one shared bucket would be).
        for (var i = 1; i <= 5; i++)
        {
            using var response = await StartAsync(http, $"client{i}", $"198.51.100.{i}");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"client {i}: {await response.Content.ReadAsStringAsync()}");
        }

        // One client is still limited, even when it forges extra entries in front of what the proxy appended.
        var statuses = new List<HttpStatusCode>();
        for (var i = 1; i <= 4; i++)
        {
            using var response = await StartAsync(http, $"mallory{i}", $"10.0.0.{i}, 203.0.113.9");
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
    }

    private static async Task<HttpResponseMessage> StartAsync(HttpClient http, string user, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/faceverify/challenge")
        {
            Content = new StringContent("""{"imageWidth":640,"imageHeight":480}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Demo-User", user);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await http.SendAsync(request);
    }
}
