using FaceVerify;
using FaceVerify.AspNetCore;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the FaceVerify HTTP API.</summary>
public static class FaceVerificationEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the FaceVerify routes under <paramref name="prefix"/>: <c>POST /challenge</c>, <c>PUT /challenge/{id}/frame</c>,
    /// <c>POST /challenge/{id}/verify</c>, <c>POST /enrolments</c>, <c>POST /login/face</c>, <c>POST /results/redeem</c>,
    /// <c>DELETE /users/{id}/biometrics</c> and <c>GET /openapi.json</c> (see docs/http-api.md). Requires
    /// <c>services.AddFaceVerification()</c> and <c>services.AddFaceVerificationEndpoints()</c>; for the rate limit and
    /// CORS the application calls <c>app.UseRateLimiter()</c> and <c>app.UseCors()</c>.
    /// </summary>
    /// <param name="endpoints">The application or a route group.</param>
    /// <param name="prefix">The route prefix. Default: <c>/faceverify</c>.</param>
    /// <returns>The route group, so that the application can chain conventions (<c>.RequireAuthorization()</c>, …).</returns>
    public static RouteGroupBuilder MapFaceVerification(this IEndpointRouteBuilder endpoints, string prefix = "/faceverify")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var options = endpoints.ServiceProvider.GetService<IOptions<FaceVerificationEndpointOptions>>()?.Value
            ?? throw new InvalidOperationException("Call services.AddFaceVerificationEndpoints() before app.MapFaceVerification().");
        if (endpoints.ServiceProvider.GetService<IChallengeSessionService>() is null)
        {
            throw new InvalidOperationException("Call services.AddFaceVerification() before app.MapFaceVerification().");
        }

        var group = endpoints.MapGroup(prefix);
        group.WithMetadata(FaceVerificationEndpointMetadata.Instance);
        group.WithTags("FaceVerify");
        group.AddEndpointFilter<FaultFilter>();
        group.AddEndpointFilter<NoStoreFilter>();
        if (options.AuthorizationPolicy is { } policy)
        {
            group.RequireAuthorization(policy);
        }

        if (options.EnableRateLimiting)
        {
            group.RequireRateLimiting(FaceVerificationEndpointOptions.RateLimiterPolicyName);
        }

        if (options.AllowedOrigins.Count > 0)
        {
            group.RequireCors(FaceVerificationEndpointOptions.CorsPolicyName);
        }

        group.MapPost("/challenge", ChallengeEndpoints.StartAsync).WithName("FaceVerify.StartChallenge");
        group.MapPut("/challenge/{id}/frame", ChallengeEndpoints.PutFrameAsync).WithName("FaceVerify.PutFrame");
        group.MapPost("/challenge/{id}/verify", ChallengeEndpoints.VerifyAsync).WithName("FaceVerify.Verify");
        group.MapPost("/enrolments", EnrolmentEndpoints.EnrolAsync).WithName("FaceVerify.Enrol");
        group.MapPost("/login/face", LoginEndpoints.LoginAsync).WithName("FaceVerify.FaceLogin");
        group.MapPost("/results/redeem", ResultEndpoints.RedeemAsync).WithName("FaceVerify.RedeemResult");
        group.MapDelete("/users/{id}/biometrics", EnrolmentEndpoints.DeleteUserDataAsync).WithName("FaceVerify.DeleteBiometrics");
        if (options.EnableOpenApiDocument)
        {
            var serverUrl = prefix.TrimEnd('/');
            group.MapGet("/openapi.json", () => OpenApiEndpoint.Get(serverUrl)).WithName("FaceVerify.OpenApi").AllowAnonymous().DisableRateLimiting();
        }

        return group;
    }
}
