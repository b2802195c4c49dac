using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FaceVerify.AspNetCore;

/// <summary>
/// Marks every FaceVerify API response <c>Cache-Control: no-store</c>: session tokens, result tokens, outcomes and
/// similarity scores must never be kept by a browser cache or a shared proxy.
/// </summary>
internal sealed class NoStoreFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var headers = context.HttpContext.Response.Headers;
        headers.CacheControl = "no-store";
        headers[HeaderNames.Pragma] = "no-cache";
        return next(context);
    }
}
