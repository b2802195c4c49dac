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

    /// <summary>POST /challenge.</summary>
    public static readonly RouteDescription StartChallenge = new(
        "Start a liveness challenge for the signed-in user.",
        typeof(OpenApiShapes.StartChallengeRequest), ImageBody: false, typeof(StartChallengeResponse),
        Problems: [400, 401, 413, 415, 429, 503]);

    /// <summary>PUT /challenge/{id}/frame.</summary>
    public static readonly RouteDescription PutFrame = new(
        "Upload one camera frame of the session (image/jpeg or image/png with the session token as Bearer, or JSON).",
        typeof(OpenApiShapes.FrameJsonRequest), ImageBody: true, typeof(FrameAcceptedResponse),
        Problems: [400, 401, 404, 409, 413, 415, 422, 429, 503]);

    /// <summary>POST /challenge/{id}/verify: the body is optional (the token may come as Bearer).</summary>
    public static readonly RouteDescription Verify = new(
        "Evaluate the session's frames and record the outcome; a passed session returns a result token.",
        typeof(OpenApiShapes.TokenRequest), ImageBody: false, typeof(VerifyResponse),
        Problems: [400, 401, 404, 415, 429, 503],
        BodyRequired: false);

    /// <summary>POST /enrolments.</summary>
    public static readonly RouteDescription Enrol = new(
        "Enrol the signed-in user's reference face, proven live by a passed session (raw image with the X-FaceVerify-Liveness-Session header, or JSON).",
        typeof(OpenApiShapes.EnrolmentRequest), ImageBody: true, typeof(EnrolmentResponse),
        Problems: [400, 401, 403, 404, 409, 413, 415, 422, 429, 503],
        SuccessStatus: StatusCodes.Status201Created);

    /// <summary>POST /login/face.</summary>
    public static readonly RouteDescription FaceLogin = new(
        "Compare a passed liveness session's frames with the user's enrolled face.",
        typeof(OpenApiShapes.FaceLoginRequest), ImageBody: false, typeof(FaceLoginResponse),
        Problems: [400, 401, 413, 415, 429, 503]);

    /// <summary>POST /results/redeem.</summary>
    public static readonly RouteDescription RedeemResult = new(
        "Redeem a result token once, server to server, and read its claims.",
        typeof(OpenApiShapes.RedeemRequest), ImageBody: false, typeof(RedeemResponse),
        Problems: [400, 401, 409, 415, 429, 503]);

    /// <summary>DELETE /users/{id}/biometrics: no body, 204 No Content.</summary>
    public static readonly RouteDescription DeleteBiometrics = new(
        "Delete a user's enrolled face and stored frames (the user themself or an administrator).",
        Body: null, ImageBody: false, Response: null,
        Problems: [400, 401, 403, 429, 503],
        SuccessStatus: StatusCodes.Status204NoContent);

    /// <summary>Adds the OpenAPI metadata of <paramref name="route"/>: summary, request body, success response and problems.</summary>
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, RouteDescription route)
    {
        builder.WithSummary(route.Summary);
        if (route.Body is { } body)
        {
            builder.Body(body, route.ImageBody, route.BodyRequired);
        }

        builder.Produces(route.SuccessStatus, route.Response, route.Response is null ? null : Json);
        foreach (var status in route.Problems)
        {
            builder.Produces<OpenApiShapes.Problem>(status, ProblemJson);
        }

        return builder;
    }

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

    /// <summary>
    /// Describes the request body: JSON of <paramref name="type"/> (a component schema) and, with
    /// <paramref name="images"/>, <c>image/jpeg</c> and <c>image/png</c> as binary. Description only: no
    /// <c>Accepts</c> metadata, whose content-type matcher would answer other types with a bare 415 before the endpoint
    /// answers its <c>unsupported_media_type</c> problem.
    /// </summary>
    private static RouteHandlerBuilder Body(this RouteHandlerBuilder builder, Type type, bool images, bool required)
        => builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var document = context.Document ?? throw new InvalidOperationException("The OpenAPI document is not available to the operation transformer.");
            var name = type.Name;
            document.AddComponent(name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken).ConfigureAwait(false));
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

    /// <summary>
    /// One route's row of the table above: its summary; its request body (JSON of <paramref name="Body"/>, with
    /// <paramref name="ImageBody"/> also raw <c>image/jpeg</c> and <c>image/png</c>; none when <see langword="null"/>);
    /// its success status with a JSON <paramref name="Response"/> (no content when <see langword="null"/>); and the
    /// problem status codes it can answer.
    /// </summary>
    internal sealed record RouteDescription(
        string Summary,
        Type? Body,
        bool ImageBody,
        Type? Response,
        int[] Problems,
        bool BodyRequired = true,
        int SuccessStatus = StatusCodes.Status200OK);
}
