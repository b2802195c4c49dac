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
            .Accepts<OpenApiShapes.StartChallengeRequest>(Json)
            .Produces<StartChallengeResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 413, 415, 429, 503);

    public static RouteHandlerBuilder DescribePutFrame(this RouteHandlerBuilder builder)
        => builder.WithSummary("Upload one camera frame of the session (image/jpeg or image/png with the session token as Bearer, or JSON).")
            .Accepts<OpenApiShapes.FrameJsonRequest>(Json)
            .WithImageBody()
            .Produces<FrameAcceptedResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 404, 409, 413, 415, 422, 429, 503);

    public static RouteHandlerBuilder DescribeVerify(this RouteHandlerBuilder builder)
        => builder.WithSummary("Evaluate the session's frames and record the outcome; a passed session returns a result token.")
            .Accepts<OpenApiShapes.TokenRequest>(isOptional: true, Json)
            .Produces<VerifyResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 404, 415, 429, 503);

    public static RouteHandlerBuilder DescribeEnrol(this RouteHandlerBuilder builder)
        => builder.WithSummary("Enrol the signed-in user's reference face, proven live by a passed session (raw image with the X-FaceVerify-Liveness-Session header, or JSON).")
            .Accepts<OpenApiShapes.EnrolmentRequest>(Json)
            .WithImageBody()
            .Produces<EnrolmentResponse>(StatusCodes.Status201Created, Json)
            .Problems(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);

    public static RouteHandlerBuilder DescribeFaceLogin(this RouteHandlerBuilder builder)
        => builder.WithSummary("Compare a passed liveness session's frames with the user's enrolled face.")
            .Accepts<OpenApiShapes.FaceLoginRequest>(Json)
            .Produces<FaceLoginResponse>(StatusCodes.Status200OK, Json)
            .Problems(400, 401, 413, 415, 429, 503);

    public static RouteHandlerBuilder DescribeRedeemResult(this RouteHandlerBuilder builder)
        => builder.WithSummary("Redeem a result token once, server to server, and read its claims.")
            .Accepts<OpenApiShapes.RedeemRequest>(Json)
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

    /// <summary>The routes that also take the image itself as the body: <c>image/jpeg</c> and <c>image/png</c> as binary.</summary>
    private static RouteHandlerBuilder WithImageBody(this RouteHandlerBuilder builder)
        => builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content)
            {
                foreach (var mediaType in (string[])["image/jpeg", "image/png"])
                {
                    content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } };
                }
            }

            return Task.CompletedTask;
        });
}
