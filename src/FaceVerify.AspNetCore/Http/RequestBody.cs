using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace FaceVerify.AspNetCore;

/// <summary>Reads request bodies with a hard size cap, and classifies their content type.</summary>
internal static class RequestBody
{
    /// <summary>Lowers the server's body limit for this request (where the server allows it) to <paramref name="limit"/>.</summary>
    public static void LimitTo(HttpContext context, long limit)
    {
        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    /// <summary>Reads the whole body, or returns <see langword="null"/> as soon as it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, int limit, CancellationToken cancellationToken)
    {
        LimitTo(context, limit);
        var request = context.Request;
        if (request.ContentLength is { } declared && declared > limit)
        {
            return null;
        }

        var initial = (int)Math.Min(request.ContentLength ?? 16 * 1024, limit + 1L);
        using var buffer = new MemoryStream(Math.Max(initial, 0));
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                int read;
                try
                {
                    read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
                }
                catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                {
                    return null;
                }

                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <summary>What kind of body the request declares.</summary>
    public static BodyKind Classify(HttpRequest request)
    {
        if (string.IsNullOrEmpty(request.ContentType))
        {
            return BodyKind.None;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || media.MediaType.Value is not { } type)
        {
            return BodyKind.Other;
        }

        if (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Json;
        }

        if (type.Equals("image/jpeg", StringComparison.OrdinalIgnoreCase) || type.Equals("image/png", StringComparison.OrdinalIgnoreCase))
        {
            return BodyKind.Image;
        }

        return BodyKind.Other;
    }

    /// <summary>The session token from the <c>X-FaceVerify-Session-Token</c> header or an <c>Authorization: Bearer</c> header.</summary>
    public static string? HeaderToken(HttpRequest request)
    {
        var header = request.Headers[FaceVerificationHeaders.SessionToken].ToString();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? authorization[Bearer.Length..].Trim() : null;
    }
}
