using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;

namespace FaceVerify.AspNetCore;

/// <summary>
/// The OpenAPI metadata of each route (request body, success response, problem status codes), from which
/// <c>Microsoft.AspNetCore.OpenApi</c> generates <c>{prefix}/openapi.json</c>. A status code listed here is one the route
/// can answer; docs/http-api.md explains each problem <c>code</c>.
/// </summary>
internal static class EndpointDescriptions
{
    private const string Json = "application/json";
    private const string ProblemJson = "application/problem+json";

    public static RouteHandlerBuilder DescribeStartChallenge(this RouteHandlerBuilder builder)
        => builder.WithSummary("Start a liveness challenge for the signed-in user.")
            .Body<OpenApiShapes.StartChallengeRequest>(images: false)
            .Produces<StartChallengeResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 413, 415, 429, 503);

    public static RouteHandlerBuilder DescribePutFrame(this RouteHandlerBuilder builder)
        => builder.WithSummary("Upload one camera frame of the session (image/jpeg or image/png with the session token as Bearer, or JSON).")
            .Body<OpenApiShapes.FrameJsonRequest>(images: true)
            .Produces<FrameAcceptedResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 404, 409, 413, 415, 422, 429, 503);

    public static RouteHandlerBuilder DescribeVerify(this RouteHandlerBuilder builder)
        => builder.WithSummary("Evaluate the session's frames and record the outcome; a passed session returns a result token.")
            .Body<OpenApiShapes.TokenRequest>(images: false, required: false)
            .Produces<VerifyResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 404, 415, 429, 503);

    public static RouteHandlerBuilder DescribeEnrol(this RouteHandlerBuilder builder)
        => builder.WithSummary("Enrol the signed-in user's reference face, proven live by a passed session (raw image with the X-FaceVerify-Liveness-Session header, or JSON).")
            .Body<OpenApiShapes.EnrolmentRequest>(images: true)
            .Produces<EnrolmentResponse>(StatusCodes.Status201Created, Json)
            .Problems(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);

    public static RouteHandlerBuilder DescribeFaceLogin(this RouteHandlerBuilder builder)
        => builder.WithSummary("Compare a passed liveness session's frames with the user's enrolled face.")
            .Body<OpenApiShapes.FaceLoginRequest>(images: false)
            .Produces<FaceLoginResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 413, 415, 429, 503);

    public static RouteHandlerBuilder DescribeRedeemResult(this RouteHandlerBuilder builder)
        => builder.WithSummary("Redeem a result token once, server to server, and read its claims.")
            .Body<OpenApiShapes.RedeemRequest>(images: false)
            .Produces<RedeemResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 409, 415, 429, 503);

    public static RouteHandlerBuilder DescribeDeleteBiometrics(this RouteHandlerBuilder builder)
        => builder.WithSummary("Delete a user's enrolled face and stored frames (the user themself or an administrator).")
            .Produces(StatusCodes.Status204NoContent)
            .Problems(400, 401, 403, 429, 503);

    public static RouteHandlerBuilder DescribeOpenApi(this RouteHandlerBuilder builder)
        => builder.WithSummary("This OpenAPI document.")
            .Produces(StatusCodes.Status200OK, contentType: Json);

    public static RouteHandlerBuilder DescribeClient(this RouteHandlerBuilder builder)
        => builder.WithSummary("The <faceverify-liveness> web component's files (faceverify.js, faceverify.messages.js, integrity.json).")
            .Produces<string>(StatusCodes.Status200OK, "text/javascript", Json)
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status404NotFound)
            .AddOpenApiOperationTransformer((operation, context, _) =>
            {
                // GET and HEAD share the endpoint (and its name): operation ids must be unique.
                if (string.Equals(context.Description.HttpMethod, HttpMethods.Head, StringComparison.OrdinalIgnoreCase))
                {
                    operation.OperationId += ".Head";
                }

                return Task.CompletedTask;
            });

    private static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statusCodes)
    {
        foreach (var status in statusCodes)
        {
            builder.Produces<OpenApiShapes.Problem>(status, ProblemJson);
        }

        return builder;
    }

    /// <summary>
    /// Describes the request body: JSON of <typeparamref name="T"/> (a component schema) and, with
    /// <paramref name="images"/>, <c>image/jpeg</c> and <c>image/png</c> as binary. Description only: no
    /// <c>Accepts</c> metadata, whose content-type matcher would answer other types with a bare 415 before the endpoint
    /// answers its <c>unsupported_media_type</c> problem.
    /// </summary>
    private static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder builder, bool images, bool required = true)
        => builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var document = context.Document ?? throw new InvalidOperationException("The OpenAPI document is not available to the operation transformer.");
            var name = typeof(T).Name;
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken).ConfigureAwait(false));
            var content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                [Json] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(name, document) },
            };
            if (images)
            {
                foreach (var mediaType in (string[])["image/jpeg", "image/png"])
                {
                    content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                }
            }

            operation.RequestBody = new OpenApiRequestBody { Required = required, Content = content };
        });
}
