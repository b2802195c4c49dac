using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace FaceVerify.AspNetCore;

/// <summary>
/// An RFC 9457 problem-details response (<c>application/problem+json</c>) with a stable machine-readable <c>code</c>
/// extension, and the headers some problems need (<c>Retry-After</c>, <c>WWW-Authenticate</c>).
/// </summary>
internal sealed class ProblemResult(int status, string code, string title, string? detail = null) : IResult
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Title { get; } = title;

    public string? Detail { get; } = detail;

    /// <summary>When the client may try again (sent as <c>Retry-After</c> seconds).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whether to send <c>WWW-Authenticate: Bearer error="invalid_token"</c>.</summary>
    public bool BearerChallenge { get; init; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (RetryAfter is { } retryAfter)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        if (BearerChallenge)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        var problem = new ProblemDetails { Status = Status, Title = Title, Detail = Detail };
        problem.Extensions["code"] = Code;
        return Results.Problem(problem).ExecuteAsync(httpContext);
    }
}
