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
    /// <c>DELETE /users/{id}/biometrics</c>, <c>GET /openapi.json</c> (see docs/http-api.md) and the
    /// <c>&lt;faceverify-liveness&gt;</c> web component at <c>GET /client/faceverify.js</c> (see docs/web-component.md). Requires
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

        var start = group.MapPost("/challenge", ChallengeEndpoints.StartAsync).WithName("FaceVerify.StartChallenge").Describe(EndpointDescriptions.StartChallenge);
        var frame = group.MapPut("/challenge/{id}/frame", ChallengeEndpoints.PutFrameAsync).WithName("FaceVerify.PutFrame").Describe(EndpointDescriptions.PutFrame);
        var verify = group.MapPost("/challenge/{id}/verify", ChallengeEndpoints.VerifyAsync).WithName("FaceVerify.Verify").Describe(EndpointDescriptions.Verify);
        if (options.ReferenceCompatibleResponses)
        {
            start.AddEndpointFilter(new ReferenceShapes(ReferenceShapes.Route.Start));
            frame.AddEndpointFilter(new ReferenceShapes(ReferenceShapes.Route.Frame));
            verify.AddEndpointFilter(new ReferenceShapes(ReferenceShapes.Route.Verify));
        }

        group.MapPost("/enrolments", EnrolmentEndpoints.EnrolAsync).WithName("FaceVerify.Enrol").Describe(EndpointDescriptions.Enrol);
        group.MapPost("/login/face", LoginEndpoints.LoginAsync).WithName("FaceVerify.FaceLogin").Describe(EndpointDescriptions.FaceLogin);
        group.MapPost("/results/redeem", ResultEndpoints.RedeemAsync).WithName("FaceVerify.RedeemResult").Describe(EndpointDescriptions.RedeemResult);
        group.MapDelete("/users/{id}/biometrics", EnrolmentEndpoints.DeleteUserDataAsync).WithName("FaceVerify.DeleteBiometrics").Describe(EndpointDescriptions.DeleteBiometrics);
        if (options.EnableOpenApiDocument)
        {
            group.MapGet("/openapi.json", OpenApiEndpoint.GetAsync).WithName("FaceVerify.OpenApi").DescribeOpenApi().AllowAnonymous().DisableRateLimiting();
        }

        if (options.EnableClient)
        {
            var maxAge = options.ClientCacheMaxAge;
            group.MapMethods("/client/{file}", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, string file) => ClientAssets.Get(context, file, maxAge))
                .WithName("FaceVerify.Client").DescribeClient().AllowAnonymous().DisableRateLimiting();
        }

        return group;
    }
}
