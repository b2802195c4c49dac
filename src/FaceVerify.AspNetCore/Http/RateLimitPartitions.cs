using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>
/// The default partition keys of the endpoints' rate limiter (in process memory, not the attempt store): one
/// partition per signed-in user, else one per remote address.
/// </summary>
internal static class RateLimitPartitions
{
    /// <summary>The partition of a signed-in user.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns><c>user:{userId}</c>.</returns>
    public static string ForUser(string userId) => "user:" + userId;

    /// <summary>The partition of an anonymous request, by remote address.</summary>
    /// <param name="context">The request.</param>
    /// <returns><c>ip:{address}</c>, or <c>ip:unknown</c> without one.</returns>
    public static string ForAddress(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
