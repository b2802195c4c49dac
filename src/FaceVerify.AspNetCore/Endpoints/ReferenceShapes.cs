using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>
/// With <see cref="FaceVerificationEndpointOptions.ReferenceCompatibleResponses"/>, rewrites what the three challenge
/// routes answer into the exact shapes of the reference Liveness Detection Framework (its Chalice app): create →
/// <c>{id, token, type:"NOSE"|"POSE", params}</c>, frame → <c>{message}</c>, verify → <c>{success}</c>, errors →
/// <c>{"Code": "BadRequestError"|"UnauthorizedError"|"NotFoundError", "Message"}</c> (API Gateway's
/// <c>{"message"}</c> bodies for sign-in and throttling). Only the shapes change: every check of the normal API runs.
/// </summary>
internal sealed class ReferenceShapes(ReferenceShapes.Route route) : IEndpointFilter
{
    public enum Route
    {
        Start,
        Frame,
        Verify,
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context).ConfigureAwait(false);
        return result switch
        {
            ProblemResult problem => Error(problem, context.HttpContext),
            IValueHttpResult { Value: StartChallengeResponse start } => Started(start),
            IValueHttpResult { Value: FrameAcceptedResponse frame } => Results.Json(new JsonObject { ["message"] = frame.Message }),
            IValueHttpResult { Value: VerifyResponse verify } => Results.Json(new JsonObject { ["success"] = verify.Success }),
            _ => result,
        };
    }

    private static IResult Started(StartChallengeResponse start)
    {
        var parameters = JsonNode.Parse(start.Params.GetRawText())!.AsObject();
        if (parameters["poses"] is JsonArray { Count: > 0 } poses)
        {
            // The reference asks for one pose ({"pose": {eyes, mouth}}); with PoseCount = 1 the shape is exactly its own.
            parameters["pose"] = poses[0]!.DeepClone();
            if (poses.Count == 1)
            {
                parameters.Remove("poses");
            }
        }

        return Results.Json(new JsonObject
        {
            ["id"] = start.Id,
            ["token"] = start.Token,
            ["type"] = start.Type.ToUpperInvariant(),
            ["params"] = parameters,
        });
    }

    private IResult Error(ProblemResult problem, HttpContext context)
    {
        if (problem.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return problem.Code switch
        {
            "unauthenticated" => Gateway(StatusCodes.Status401Unauthorized, "Unauthorized"),
            "rate_limited" or "locked_out" => Gateway(StatusCodes.Status429TooManyRequests, "Too Many Requests"),
            "payload_too_large" => Gateway(StatusCodes.Status413PayloadTooLarge, "Request Too Long"),
            "invalid_token" or "forbidden" => Chalice(StatusCodes.Status401Unauthorized, "UnauthorizedError", string.Empty),
            "session_not_found" => Chalice(StatusCodes.Status404NotFound, "NotFoundError", "Challenge not found"),
            "unsupported_media_type" => Chalice(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Unsupported media type: " + context.Request.ContentType),
            "frame_too_large" => BadRequest("Image size too large"),
            "frame_unsupported_format" or "frame_corrupt" or "frame_empty" => BadRequest("Image must be JPEG"),
            "service_unavailable" => Chalice(StatusCodes.Status500InternalServerError, "InternalServerError", "An internal server error occurred."),
            "invalid_request" => BadRequest(InvalidRequestMessage(problem.Detail)),
            _ => BadRequest(problem.Detail ?? problem.Title),
        };
    }

    private string InvalidRequestMessage(string? detail)
    {
        detail ??= string.Empty;
        return route switch
        {
            Route.Start when detail.Contains("is required", StringComparison.Ordinal) && detail.Contains("'image", StringComparison.Ordinal) => "Missing imageWidth and imageHeight",
            Route.Start when detail.Contains("'imageWidth'", StringComparison.Ordinal) => "Invalid imageWidth",
            Route.Start when detail.Contains("'imageHeight'", StringComparison.Ordinal) => "Invalid imageHeight",
            Route.Frame when detail.Contains("'frameBase64'", StringComparison.Ordinal) => "Invalid Image",
            _ => detail.Length > 0 ? detail : "Error Parsing JSON",
        };
    }

    private static IResult BadRequest(string message) => Chalice(StatusCodes.Status400BadRequest, "BadRequestError", message);

    private static IResult Chalice(int status, string code, string message)
        => Results.Json(new JsonObject { ["Code"] = code, ["Message"] = message }, (JsonSerializerOptions?)null, statusCode: status);

    private static IResult Gateway(int status, string message)
        => Results.Json(new JsonObject { ["message"] = message }, (JsonSerializerOptions?)null, statusCode: status);
}
