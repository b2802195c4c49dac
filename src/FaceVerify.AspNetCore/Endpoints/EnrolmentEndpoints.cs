using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.AspNetCore;

/// <summary>Enrolment of the signed-in user's reference face, and deletion of a user's biometric data.</summary>
internal static class EnrolmentEndpoints
{
    public static async Task<IResult> EnrolAsync(
        HttpContext context,
        [FromServices] IFaceEnrolmentService enrolment,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        [FromServices] IOptions<FaceVerificationOptions> coreOptions,
        [FromServices] TimeProvider time,
        CancellationToken cancellationToken)
    {
        var userId = options.Value.UserIdResolver(context);
        if (userId is null)
        {
            return Problems.Unauthenticated();
        }

        var limit = coreOptions.Value.MaxEnrolmentPhotoBytes;
        ReadOnlyMemory<byte> photo;
        string? sessionId;
        string? approval;
        switch (RequestBody.Classify(context.Request))
        {
            case BodyKind.Image:
            {
                var body = await RequestBody.ReadAsync(context, limit, cancellationToken).ConfigureAwait(false);
                if (body is null)
                {
                    return Problems.PayloadTooLarge(limit);
                }

                photo = body;
                sessionId = Header(context, FaceVerificationHeaders.LivenessSession);
                approval = Header(context, FaceVerificationHeaders.EnrolmentApproval);
                break;
            }

            case BodyKind.Json:
            {
                var (json, problem) = await JsonRequest.ReadBodyAsync(context, JsonRequest.Base64BodyLimit(limit), Problems.PayloadTooLarge(limit), cancellationToken).ConfigureAwait(false);
                if (json is null)
                {
                    return problem!;
                }

                using (json)
                {
                    if (!json.TryGetString("sessionId", required: false, out sessionId, out problem)
                        || !json.TryGetString("approval", required: false, out approval, out problem)
                        || !json.TryGetBase64("photoBase64", limit, Problems.PayloadTooLarge(limit), out photo, out problem))
                    {
                        return problem;
                    }
                }

                break;
            }

            default:
                return Problems.UnsupportedMediaType("Send the photo as the raw body (image/jpeg or image/png) with the liveness session id in the X-FaceVerify-Liveness-Session header, or as application/json {\"sessionId\",\"photoBase64\",\"approval\"?}.");
        }

        var outcome = await enrolment.EnrolAsync(
            new EnrolmentRequest { UserId = userId, Photo = photo, LivenessSessionId = sessionId, Approval = approval },
            cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded
            ? ApiJson.Ok(new EnrolmentResponse(outcome.FaceId!, outcome.Replaced), StatusCodes.Status201Created)
            : Problems.FromEnrolment(outcome, time.GetUtcNow());
    }

    public static async Task<IResult> DeleteUserDataAsync(
        string id,
        HttpContext context,
        [FromServices] IFaceEnrolmentService enrolment,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var endpointOptions = options.Value;
        var caller = endpointOptions.UserIdResolver(context);
        var self = caller is not null && string.Equals(caller, id, StringComparison.Ordinal);
        if (!self && !await IsAdminAsync(context, endpointOptions).ConfigureAwait(false))
        {
            return caller is null && context.User.Identity?.IsAuthenticated != true
                ? Problems.Unauthenticated()
                : Problems.Forbidden("Only the user themself or an administrator may delete a user's biometric data.");
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            return Problems.InvalidRequest("The user id is empty.");
        }

        await enrolment.DeleteUserDataAsync(id, cancellationToken).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static string? Header(HttpContext context, string name)
    {
        var value = context.Request.Headers[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static async Task<bool> IsAdminAsync(HttpContext context, FaceVerificationEndpointOptions options)
    {
        if (options.AdminPolicy is not { } policy)
        {
            return false;
        }

        var authorization = context.RequestServices.GetService<IAuthorizationService>()
            ?? throw new InvalidOperationException("FaceVerificationEndpointOptions.AdminPolicy is set, but no authorization services are registered (call services.AddAuthorization()).");
        var result = await authorization.AuthorizeAsync(context.User, resource: null, policy).ConfigureAwait(false);
        return result.Succeeded;
    }
}
