using System.Threading.RateLimiting;
using FaceVerify.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the services the FaceVerify HTTP endpoints need.</summary>
public static class FaceVerificationEndpointsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the endpoint options (bound from <c>"FaceVerify:Endpoints"</c>, validated at start-up), the
    /// <c>"faceverify"</c> rate-limiting policy (fixed window, partitioned per user or else per remote IP, answered with a
    /// 429 problem) and, when <see cref="FaceVerificationEndpointOptions.AllowedOrigins"/> is set, the <c>"faceverify"</c>
    /// CORS policy. Idempotent. Call <c>AddFaceVerification()</c> too, and map the routes with <c>app.MapFaceVerification()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional code configuration, applied after configuration binding.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddFaceVerificationEndpoints(this IServiceCollection services, Action<FaceVerificationEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FaceVerificationEndpointOptions>()
            .BindConfiguration(FaceVerificationEndpointOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.UserIdResolver is not null, "FaceVerify:Endpoints: UserIdResolver must not be null.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(EndpointsMarker)))
        {
            return services;
        }

        services.AddSingleton<EndpointsMarker>();
        services.AddProblemDetails();
        OpenApiEndpoint.AddDocument(services);
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<FaceVerificationEndpointOptions>>((cors, endpointOptions) =>
        {
            var origins = endpointOptions.Value.AllowedOrigins;
            if (origins.Count > 0)
            {
                cors.AddPolicy(FaceVerificationEndpointOptions.CorsPolicyName, policy => policy
                    .WithOrigins([.. origins])
                    .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
                    .WithHeaders("Content-Type", "Authorization", FaceVerificationHeaders.SessionToken)
                    .WithExposedHeaders("Retry-After"));
            }
        });

        services.AddRateLimiter(limiter => limiter.AddPolicy(FaceVerificationEndpointOptions.RateLimiterPolicyName, context =>
        {
            var endpointOptions = context.RequestServices.GetRequiredService<IOptions<FaceVerificationEndpointOptions>>().Value;
            var key = endpointOptions.RateLimitPartitionResolver?.Invoke(context) ?? DefaultPartition(context, endpointOptions);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = endpointOptions.RateLimitPermitLimit,
                Window = endpointOptions.RateLimitWindow,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }));
        services.PostConfigure<RateLimiterOptions>(limiter =>
        {
            var previous = limiter.OnRejected;
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                if (rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<FaceVerificationEndpointMetadata>() is null)
                {
                    if (previous is not null)
                    {
                        await previous(rejected, cancellationToken).ConfigureAwait(false);
                    }

                    return;
                }

                TimeSpan? retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var value) ? value : null;
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                await Problems.RateLimited(retryAfter).ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
            };
        });
        return services;
    }

    private static string DefaultPartition(HttpContext context, FaceVerificationEndpointOptions options)
    {
        var userId = options.UserIdResolver(context);
        return userId is not null ? "user:" + userId : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    private sealed class EndpointsMarker;
}
