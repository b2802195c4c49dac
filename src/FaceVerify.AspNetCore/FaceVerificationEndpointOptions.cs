using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>
/// Options of the FaceVerify HTTP endpoints (<c>MapFaceVerification()</c>). Bound from the configuration section
/// <c>"FaceVerify:Endpoints"</c> (the delegates only from code) and validated at start-up.
/// </summary>
public class FaceVerificationEndpointOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "FaceVerify:Endpoints";

    /// <summary>The name of the rate-limiting policy the endpoints use.</summary>
    public const string RateLimiterPolicyName = "faceverify";

    /// <summary>The name of the CORS policy registered when <see cref="AllowedOrigins"/> is not empty.</summary>
    public const string CorsPolicyName = "faceverify";

    /// <summary>
    /// Finds the signed-in user's id for a request; <see langword="null"/> means nobody is signed in (answered with 401).
    /// The client never sends a user id in a body. Default: the <see cref="ClaimTypes.NameIdentifier"/> claim, then <c>sub</c>.
    /// </summary>
    public Func<HttpContext, string?> UserIdResolver { get; set; } = DefaultUserId;

    /// <summary>
    /// Finds the key a client's requests are rate-limited under. Default: <c>"user:" + id</c> from
    /// <see cref="UserIdResolver"/>, else <c>"ip:" + remote address</c>.
    /// </summary>
    public Func<HttpContext, string>? RateLimitPartitionResolver { get; set; }

    /// <summary>
    /// The authorization policy every FaceVerify route requires (<c>RequireAuthorization(policy)</c>); <see langword="null"/>
    /// adds none, leaving authorization to the application (it can chain <c>.RequireAuthorization()</c> on the returned
    /// group). Default: <see langword="null"/>.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>
    /// An authorization policy whose holders may delete any user's biometric data (an operator, a GDPR back office).
    /// Without it only the user themself may. Default: <see langword="null"/>.
    /// </summary>
    public string? AdminPolicy { get; set; }

    /// <summary>
    /// Browser origins allowed to call the API cross-origin. Empty (the default) registers no CORS policy: same-origin only.
    /// Otherwise a named policy <see cref="CorsPolicyName"/> is registered and required by the routes; the application
    /// must call <c>app.UseCors()</c>.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Whether the routes are rate-limited with the <see cref="RateLimiterPolicyName"/> policy (the application must call <c>app.UseRateLimiter()</c>). Default: <see langword="true"/>.</summary>
    public bool EnableRateLimiting { get; set; } = true;

    /// <summary>Requests one client (see <see cref="RateLimitPartitionResolver"/>) may make per <see cref="RateLimitWindow"/>. Default: 600 (a nose challenge uploads up to about 12 frames a second).</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermitLimit { get; set; } = 600;

    /// <summary>The fixed rate-limiting window. Default: 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest JSON body accepted by the routes that take small JSON bodies (challenge, verify, login, redeem). Default: 16 KiB.</summary>
    [Range(256, 1024 * 1024)]
    public int MaxJsonBodyBytes { get; set; } = 16 * 1024;

    /// <summary>Whether <c>{prefix}/openapi.json</c> serves the OpenAPI 3.1 description of the routes. Default: <see langword="true"/>.</summary>
    public bool EnableOpenApiDocument { get; set; } = true;

    /// <summary>
    /// Optional request header whose value is passed to the session service as the device id for attempt limits
    /// (for example a device-bound cookie value copied into a header by the app). Default: <see langword="null"/> (not used).
    /// </summary>
    public string? DeviceIdHeader { get; set; }

    /// <summary>
    /// Whether <c>{prefix}/client/faceverify.js</c> (and what it imports, and <c>{prefix}/client/integrity.json</c>) serve
    /// the <c>&lt;faceverify-liveness&gt;</c> web component, anonymously and without rate limiting. Default: <see langword="true"/>.
    /// </summary>
    public bool EnableClient { get; set; } = true;

    /// <summary>How long browsers and proxies may cache the web component's files (<c>Cache-Control: public, max-age</c>; an ETag revalidates them). Default: 1 hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ClientCacheMaxAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether the challenge routes answer in the exact shapes of the reference Liveness Detection Framework, so its
    /// unmodified web client works against FaceVerify: <c>POST /challenge</c> → <c>{id, token, type:"NOSE"|"POSE", params}</c>,
    /// <c>PUT /challenge/{id}/frame</c> → <c>{"message":"Frame saved successfully"}</c>, <c>POST /challenge/{id}/verify</c> →
    /// <c>{"success": bool}</c> (no result token), errors as <c>{"Code","Message"}</c>. Every check of the normal API
    /// still runs (server time, bound sessions, single verify). The web component needs the normal shapes. Default: <see langword="false"/>.
    /// </summary>
    public bool ReferenceCompatibleResponses { get; set; }

    private static string? DefaultUserId(HttpContext context)
    {
        var user = context.User;
        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? user.FindFirst("sub")?.Value;
        return string.IsNullOrWhiteSpace(id) ? null : id;
    }
}
