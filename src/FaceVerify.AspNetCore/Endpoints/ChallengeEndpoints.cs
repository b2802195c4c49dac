using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.AspNetCore;

/// <summary>The liveness challenge routes: start, upload a frame, verify.</summary>
internal static class ChallengeEndpoints
{
    /// <summary>Bytes a JSON frame body may add to the frame: base64 grows it by 4/3, plus the token and field names.</summary>
    private const int JsonFrameOverhead = 8 * 1024;

    public static async Task<IResult> StartAsync(
        HttpContext context,
        [FromServices] IChallengeSessionService sessions,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        var endpointOptions = options.Value;
        var userId = endpointOptions.UserIdResolver(context);
        if (userId is null)
        {
            return Problems.Unauthenticated();
        }

        var (json, problem) = await JsonRequest.ReadAsync(context, endpointOptions.MaxJsonBodyBytes, cancellationToken).ConfigureAwait(false);
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
                    UserId = userId,
                    FrameWidth = width,
                    FrameHeight = height,
                    ChallengeType = string.IsNullOrWhiteSpace(challengeType) ? null : challengeType.Trim().ToLowerInvariant(),
                    ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
                    DeviceId = string.IsNullOrWhiteSpace(deviceId) ? null : deviceId,
                },
                cancellationToken).ConfigureAwait(false);

            if (!result.Started)
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

                return await SubmitAsync(context, sessions, id, RequestBody.HeaderToken(context.Request), frame, cancellationToken).ConfigureAwait(false);
            }

            case BodyKind.Json:
            {
                var limit = (int)Math.Min(int.MaxValue, (((long)maxFrame + 2) / 3 * 4) + JsonFrameOverhead);
                var body = await RequestBody.ReadAsync(context, limit, cancellationToken).ConfigureAwait(false);
                if (body is null)
                {
                    return Problems.FrameTooLarge($"Frames may be at most {maxFrame} bytes.");
                }

                if (!JsonRequest.TryParse(body, out var json, out var problem))
                {
                    return problem;
                }

                using (json)
                {
                    // "timestamp" is accepted for compatibility with the reference client and ignored: the server's receive time counts.
                    if (!json.TryGetString("token", required: false, out var token, out problem)
                        || !json.TryGetString("frameBase64", required: true, out var base64, out problem))
                    {
                        return problem;
                    }

                    var frame = new byte[((base64!.Length + 3) / 4) * 3];
                    if (!Convert.TryFromBase64String(base64, frame, out var written))
                    {
                        return Problems.InvalidRequest("The field 'frameBase64' must be plain base64 (without a 'data:' prefix).");
                    }

                    if (written > maxFrame)
                    {
                        return Problems.FrameTooLarge($"Frames may be at most {maxFrame} bytes.");
                    }

                    return await SubmitAsync(context, sessions, id, token ?? RequestBody.HeaderToken(context.Request), frame.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
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
            var body = await RequestBody.ReadAsync(context, limit, cancellationToken).ConfigureAwait(false);
            if (body is null)
            {
                return Problems.PayloadTooLarge(limit);
            }

            if (!JsonRequest.TryParse(body, out var json, out var problem))
            {
                return problem;
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
        else if (token is null)
        {
            return Problems.InvalidToken("The session token is missing.");
        }

        if (CheckCaller(context, id, token) is { } mismatch)
        {
            return mismatch;
        }

        var result = await sessions.VerifyAsync(id, token, cancellationToken).ConfigureAwait(false);
        if (result.Error != VerifyError.None)
        {
            return Problems.FromVerify(result);
        }

        return ApiJson.Ok(new VerifyResponse(
            result.Passed,
            ApiJson.Code(result.Status),
            ApiJson.Code(result.Reason),
            result.Detail,
            result.DecidedAtFrame,
            result.ResultToken?.Token,
            result.ResultToken?.ExpiresAt));
    }

    /// <summary>
    /// When the caller is signed in (the user resolver names a user), the session token must be that user's: a stolen
    /// session token cannot be finished by someone else's signed-in client. Anonymous callers rely on the token alone,
    /// as in the reference API.
    /// </summary>
    private static ProblemResult? CheckCaller(HttpContext context, string id, string? token)
    {
        var caller = context.RequestServices.GetRequiredService<IOptions<FaceVerificationEndpointOptions>>().Value.UserIdResolver(context);
        if (caller is null || token is null)
        {
            return null;
        }

        var validation = context.RequestServices.GetRequiredService<IFaceVerificationTokens>().ValidateSessionToken(token, id);
        return validation.IsValid && !string.Equals(validation.UserId, caller, StringComparison.Ordinal)
            ? Problems.InvalidToken("The session token belongs to another user.")
            : null;
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, IChallengeSessionService sessions, string id, string? token, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (CheckCaller(context, id, token) is { } mismatch)
        {
            return mismatch;
        }

        var result = await sessions.SubmitFrameAsync(id, token, frame, cancellationToken).ConfigureAwait(false);
        return result.Accepted
            ? ApiJson.Ok(new FrameAcceptedResponse("Frame saved successfully", result.Sequence))
            : Problems.FromFrame(result);
    }
}
