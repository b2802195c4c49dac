using System.Text.Json;
using FaceVerify;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceVerify.SampleHost;

/// <summary>
/// <c>/healthz</c> (liveness: the process answers; runs no dependency check, so a slow dependency never gets the
/// process restarted) and <c>/readyz</c> (readiness: every FaceVerify dependency, 503 when one is Unhealthy). The
/// readiness body names each check with its status and description; no exception text, key or endpoint.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = static _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = static registration => registration.Tags.Contains(FaceVerificationHealthCheckOptions.ReadyTag),
            ResponseWriter = WriteAsync,
        });
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status.ToString(),
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
