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
        CancellationToken cancellationToken)
    {
        var userId = options.Value.UserIdResolver(context);
        if (userId is null)
        {
            return Problems.Unauthenticated();
        }

        if (RequestBody.Classify(context.Request) != BodyKind.Image)
        {
            return Problems.UnsupportedMediaType("Send the photo as the raw body with Content-Type image/jpeg or image/png.");
        }

        var limit = coreOptions.Value.MaxEnrolmentPhotoBytes;
        var photo = await RequestBody.ReadAsync(context, limit, cancellationToken).ConfigureAwait(false);
        if (photo is null)
        {
            return Problems.PayloadTooLarge(limit);
        }

        var outcome = await enrolment.EnrolAsync(userId, photo, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded
            ? ApiJson.Ok(new EnrolmentResponse(outcome.FaceId!), StatusCodes.Status201Created)
            : Problems.FromEnrolment(outcome);
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
