using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FaceVerify.AspNetCore;

/// <summary>Result-token redemption for relying parties.</summary>
internal static class ResultEndpoints
{
    public static async Task<IResult> RedeemAsync(
        HttpContext context,
        [FromServices] IChallengeSessionService sessions,
        [FromServices] IOptions<FaceVerificationEndpointOptions> options,
        CancellationToken cancellationToken)
    {
        var (json, problem) = await JsonRequest.ReadAsync(context, options.Value.MaxJsonBodyBytes, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return problem!;
        }

        using (json)
        {
            if (!json.TryGetString("resultToken", required: true, out var token, out problem))
            {
                return problem;
            }

            var validation = await sessions.RedeemResultAsync(token, cancellationToken).ConfigureAwait(false);
            if (!validation.Succeeded)
            {
                return Problems.FromRedeem(validation);
            }

            var claims = validation.Claims!;
            return ApiJson.Ok(new RedeemResponse(
                claims.TokenId,
                claims.SessionId,
                claims.UserId,
                claims.Passed,
                WireCodes.Of(claims.Status),
                WireCodes.Of(claims.Reason),
                claims.IssuedAt,
                claims.ExpiresAt,
                WireCodes.Of(claims.Proof),
                claims.Similarity));
        }
    }
}
