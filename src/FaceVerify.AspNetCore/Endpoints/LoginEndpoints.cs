using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FaceVerify.AspNetCore;

/// <summary>Face login: a passed liveness session of the signed-in user, compared with their enrolled face.</summary>
internal static class LoginEndpoints
{
    public static async Task<IResult> LoginAsync(
        HttpContext context,
        [FromServices] IFaceLoginService login,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var (userId, json, problem) = await SignedInJsonRequest.ReadAsync(context, options.Value, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return problem!;
        }

        using (json)
        {
            if (!json.TryGetString("sessionId", required: true, out var sessionId, out problem))
            {
                return problem;
            }

            // Every refusal is 200 with success=false and a reason; an unknown session and another user's session give the
            // same answer (session_not_found), so the route tells nothing about sessions that are not the caller's.
            var result = await login.LoginAsync(userId!, sessionId!, cancellationToken).ConfigureAwait(false);
            return ApiJson.Ok(new FaceLoginResponse(
                result.Succeeded,
                WireCodes.Of(result.Reason),
                result.Similarity is { } similarity ? Math.Round(similarity, 2) : null,
                result.ResultToken?.Token,
                result.ResultToken?.ExpiresAt));
        }
    }
}
