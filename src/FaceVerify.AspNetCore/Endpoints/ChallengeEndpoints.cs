using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FaceVerify.AspNetCore;

/// <summary>The liveness challenge routes: start, upload a frame, verify.</summary>
internal static class ChallengeEndpoints
{
    public static async Task<IResult> StartAsync(
        HttpContext context,
        [FromServices] IChallengeSessionService sessions,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        var endpointOptions = options.Value;
        var (userId, json, problem) = await SignedInJsonRequest.ReadAsync(context, endpointOptions, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return problem!;
        }

        using (json)
        {
            if (!json.TryGetInt32("imageWidth", out var width, out problem)
                || !json.TryGetInt32("imageHeight", out var height, out problem)
                || !json.TryGetString("challengeType", required: false, out var challengeType, out problem))
            {
                return problem;
            }

            var deviceId = endpointOptions.DeviceIdHeader is { } header ? context.Request.Headers[header].ToString() : null;
            var result = await sessions.StartAsync(
                new StartChallengeRequest
                {
                    UserId = userId!,
                    FrameWidth = width,
                    FrameHeight = height,
                    ChallengeType = string.IsNullOrWhiteSpace(challengeType) ? null : challengeType.Trim().ToLowerInvariant(),
                    ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
                    DeviceId = string.IsNullOrWhiteSpace(deviceId) ? null : deviceId,
                },
                cancellationToken).ConfigureAwait(false);

            if (!result.Succeeded)
            {
                return Problems.FromStart(result, time.GetUtcNow());
            }

            return ApiJson.Ok(new StartChallengeResponse(result.SessionId!, result.SessionToken!, result.ChallengeType!, result.Parameters!.Value, result.ExpiresAt!.Value));
        }
    }

    public static async Task<IResult> PutFrameAsync(
        string id,
        HttpContext context,
        [FromServices] IChallengeSessionService sessions,
        [FromServices] IOptions<FaceVerificationOptions> coreOptions,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var maxFrame = coreOptions.Value.MaxFrameBytes;
        switch (RequestBody.Classify(context.Request))
        {
            case BodyKind.Image:
            {
                var frame = await RequestBody.ReadAsync(context, maxFrame, cancellationToken).ConfigureAwait(false);
                if (frame is null)
                {
                    return Problems.FrameTooLarge($"Frames may be at most {maxFrame} bytes.");
                }

                return await SubmitAsync(context, options.Value, sessions, id, RequestBody.HeaderToken(context.Request), frame, cancellationToken).ConfigureAwait(false);
            }

            case BodyKind.Json:
            {
                var (json, problem) = await JsonRequest.ReadBodyAsync(context, JsonRequest.Base64BodyLimit(maxFrame), Problems.FrameTooLarge($"Frames may be at most {maxFrame} bytes."), cancellationToken).ConfigureAwait(false);
                if (json is null)
                {
                    return problem!;
                }

                using (json)
                {
                    // "timestamp" is accepted for compatibility with the reference client and ignored: the server's receive time counts.
                    if (!json.TryGetString("token", required: false, out var token, out problem)
                        || !json.TryGetBase64("frameBase64", maxFrame, Problems.FrameTooLarge($"Frames may be at most {maxFrame} bytes."), out var frame, out problem))
                    {
                        return problem;
                    }

                    return await SubmitAsync(context, options.Value, sessions, id, token ?? RequestBody.HeaderToken(context.Request), frame, cancellationToken).ConfigureAwait(false);
                }
            }

            default:
                return Problems.UnsupportedMediaType("Send the frame as image/jpeg or image/png (session token in the Authorization: Bearer header), or as application/json {\"token\",\"frameBase64\"}.");
        }
    }

    public static async Task<IResult> VerifyAsync(
        string id,
        HttpContext context,
        [FromServices] IChallengeSessionService sessions,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var token = RequestBody.HeaderToken(context.Request);
        var kind = RequestBody.Classify(context.Request);
        if (kind == BodyKind.Json)
        {
            var limit = options.Value.MaxJsonBodyBytes;
            var (json, problem) = await JsonRequest.ReadBodyAsync(context, limit, Problems.PayloadTooLarge(limit), cancellationToken).ConfigureAwait(false);
            if (json is null)
            {
                return problem!;
            }

            using (json)
            {
                if (!json.TryGetString("token", required: token is null, out var bodyToken, out problem))
                {
                    return problem;
                }

                token = bodyToken ?? token;
            }
        }
        else if (kind != BodyKind.None || (context.Request.ContentLength ?? 0) > 0)
        {
            return Problems.UnsupportedMediaType("Send {\"token\"} as application/json, or no body with the token in the Authorization: Bearer header.");
        }
        var result = await sessions.VerifyAsync(id, Access(context, options.Value, token), cancellationToken).ConfigureAwait(false);
        if (result.AccessReason != SessionAccessReason.None)
        {
            return Problems.FromAccess(result.AccessReason, result.Detail);
        }

        return ApiJson.Ok(new VerifyResponse(
            result.Succeeded,
            WireCodes.Of(result.Status),
            WireCodes.Of(result.Reason),
            result.Detail,
            result.DecidedAtFrame,
            result.ResultToken?.Token,
            result.ResultToken?.ExpiresAt));
    }

    /// <summary>
    /// The caller of a session operation: the session token and the signed-in user, when the user resolver names one. The
    /// service checks both (a stolen session token cannot be finished by someone else's signed-in client); anonymous
    /// callers rely on the token alone, as in the reference API.
    /// </summary>
    private static SessionAccess Access(HttpContext context, FaceVerificationEndpointOptions options, string? token)
        => new(token, options.UserIdResolver(context));

    private static async Task<IResult> SubmitAsync(HttpContext context, FaceVerificationEndpointOptions options, IChallengeSessionService sessions, string id, string? token, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var result = await sessions.SubmitFrameAsync(id, Access(context, options, token), frame, cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? ApiJson.Ok(new FrameAcceptedResponse("Frame saved successfully", result.Sequence))
            : Problems.FromFrame(result);
    }
}
