using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace FaceVerify.AspNetCore;

/// <summary>
/// Serves <c>{prefix}/openapi.json</c>: the OpenAPI 3.1 document that <c>Microsoft.AspNetCore.OpenApi</c> generates from
/// the FaceVerify routes' metadata (<see cref="EndpointDescriptions"/>), with paths relative to the mount prefix and the
/// prefix as the server URL.
/// </summary>
internal static class OpenApiEndpoint
{
    /// <summary>The name of the OpenAPI document that holds the FaceVerify routes only.</summary>
    public const string DocumentName = "faceverify";

    private const string DocumentSuffix = "/openapi.json";

    /// <summary>Registers the <c>faceverify</c> document: only endpoints mapped by <c>MapFaceVerification()</c>, with title, version and security schemes.</summary>
    public static void AddDocument(IServiceCollection services)
        => services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.ActionDescriptor.EndpointMetadata.Contains(FaceVerificationEndpointMetadata.Instance);
            options.AddSchemaTransformer((schema, _, _) =>
            {
                // The endpoints read and write numbers strictly (not as strings), whatever the application's JsonOptions say.
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.Integer | JsonSchemaType.String) && schema.Format is "int32" or "int64")
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }

                // Responses omit null members (ApiJson: WhenWritingNull), so a nullable member is never required.
                if (schema.Required is { Count: > 0 } required && schema.Properties is { } properties)
                {
                    foreach (var name in required.Where(n => properties.TryGetValue(n, out var property) && property.Type is { } t && t.HasFlag(JsonSchemaType.Null)).ToArray())
                    {
                        required.Remove(name);
                    }
                }

                return Task.CompletedTask;
            });
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "FaceVerify HTTP API",
                    Version = Version,
                    Description = "Active liveness challenges, enrolment and face login. Errors are RFC 9457 problem details (application/problem+json) with a stable 'code' extension; see docs/http-api.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
                document.Components.SecuritySchemes["sessionToken"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The session token from POST /challenge (frame uploads and verify), or the application's own sign-in for the other routes.",
                };
                return Task.CompletedTask;
            });
        });

    public static async Task<IResult> GetAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var provider = context.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken).ConfigureAwait(false);

        // This route's own pattern names the mount prefix (with any outer route group): list only the routes under it,
        // relative to it, as the hand-written document did.
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? DocumentSuffix;
        var prefix = "/" + pattern[..^DocumentSuffix.Length].Trim('/');
        prefix = prefix == "/" ? string.Empty : prefix;
        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            if (path.StartsWith(prefix + "/", StringComparison.Ordinal))
            {
                paths[path[prefix.Length..]] = item;
            }
        }

        document.Paths = paths;
        document.Servers = [new OpenApiServer { Url = prefix.Length == 0 ? "/" : prefix }];
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(writer));
        return Results.Text(writer.ToString(), "application/json");
    }

    private static string Version
    {
        get
        {
            var informational = typeof(OpenApiEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
    }
}
