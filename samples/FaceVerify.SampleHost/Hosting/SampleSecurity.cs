using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FaceVerify.SampleHost;

/// <summary>
/// The sample host's HTTP hardening: forwarded headers from configured proxies only (so the per-address attempt limit
/// and the rate limiter key on the client, not on the proxy), and security headers on every response.
/// </summary>
internal static class SampleSecurity
{
    /// <summary>The configuration section listing the trusted reverse proxies.</summary>
    public const string ForwardedHeadersSection = "ForwardedHeaders";

    /// <summary>
    /// The page's Content Security Policy: scripts, styles, models and API calls from this origin only; WebAssembly
    /// compilation for face-api's TensorFlow.js; camera frames as blob:/data: images; no framing, plugins or base URL.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; " +
        "media-src 'self' blob:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Reads <c>ForwardedHeaders:KnownProxies</c> (IP addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR
    /// ranges, e.g. <c>10.0.0.0/8</c>) and, when either is set, trusts <c>X-Forwarded-For</c>/<c>X-Forwarded-Proto</c>
    /// from those peers only (ASP.NET Core's defaults, which trust loopback, are cleared). Without them the host is
    /// reached directly and forwarded headers are ignored.
    /// </summary>
    /// <returns>Whether forwarded headers are enabled.</returns>
    public static bool AddForwardedHeaders(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ForwardedHeadersSection);
        var proxies = ParseAll<IPAddress>(section.GetSection("KnownProxies"), (string? text, out IPAddress value) => IPAddress.TryParse(text, out value!));
        var networks = ParseAll<System.Net.IPNetwork>(section.GetSection("KnownNetworks"), (string? text, out System.Net.IPNetwork value) => System.Net.IPNetwork.TryParse(text, out value));
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return false;
        }

        var limit = section.GetValue<int?>("ForwardLimit") ?? 1;
        if (limit < 1)
        {
            throw new InvalidOperationException($"{ForwardedHeadersSection}:ForwardLimit must be at least 1 (the number of proxies in front of the host).");
        }

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = limit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
        return true;
    }

    /// <summary>Adds <c>Content-Security-Policy</c> (with <c>frame-ancestors 'none'</c>), <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options</c> and <c>Referrer-Policy</c> to every response.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    });

    private delegate bool TryParse<T>(string? text, out T value);

    private static List<T> ParseAll<T>(IConfigurationSection section, TryParse<T> parse)
    {
        var values = new List<T>();
        foreach (var child in section.GetChildren())
        {
            if (!parse(child.Value?.Trim(), out var value))
            {
                throw new InvalidOperationException($"{child.Path} is not valid: '{child.Value}'.");
            }

            values.Add(value);
        }

        return values;
    }
}
