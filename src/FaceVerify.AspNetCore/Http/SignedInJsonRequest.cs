using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>The start of every signed-in JSON route: the caller's user id (401 without one), then the JSON object body.</summary>
internal static class SignedInJsonRequest
{
    /// <summary>
    /// The user id from <see cref="FaceVerificationEndpointOptions.UserIdResolver"/> and the parsed body; when the
    /// request is refused, <c>Request</c> is null and <c>Problem</c> is the answer (401, 413, 415 or 400).
    /// </summary>
    public static async Task<(string? UserId, JsonRequest? Request, ProblemResult? Problem)> ReadAsync(
        HttpContext context,
        FaceVerificationEndpointOptions options,
        CancellationToken cancellationToken)
    {
        var userId = options.UserIdResolver(context);
        if (userId is null)
        {
            return (null, null, Problems.Unauthenticated());
        }

        var (json, problem) = await JsonRequest.ReadAsync(context, options.MaxJsonBodyBytes, cancellationToken).ConfigureAwait(false);
        return json is null ? (null, null, problem) : (userId, json, null);
    }
}
