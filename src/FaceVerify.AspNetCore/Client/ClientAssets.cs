using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace FaceVerify.AspNetCore;

/// <summary>
/// The files of the <c>&lt;faceverify-liveness&gt;</c> web component, embedded in this assembly and served at
/// <c>{prefix}/client/{file}</c> with a strong ETag (its SHA-256), <c>Cache-Control</c>, <c>nosniff</c>, and their
/// SHA-384 subresource-integrity values at <c>{prefix}/client/integrity.json</c>.
/// </summary>
internal static class ClientAssets
{
    /// <summary>The served files: the module and the message catalogues it imports.</summary>
    public static readonly string[] FileNames = ["faceverify.js", "faceverify.messages.js"];

    private static readonly Lazy<FrozenDictionary<string, Asset>> Assets = new(Load);

    private static readonly Lazy<byte[]> IntegrityJson = new(() => JsonSerializer.SerializeToUtf8Bytes(
        Assets.Value.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value.Integrity)));

    /// <summary>The SHA-384 integrity value (<c>sha384-…</c>) of a served file.</summary>
    public static string Integrity(string fileName) => Assets.Value[fileName].Integrity;

    public static IResult Get(HttpContext context, string file, TimeSpan maxAge)
    {
        if (string.Equals(file, "integrity.json", StringComparison.Ordinal))
        {
            return new AssetResult(new Asset(IntegrityJson.Value, "application/json; charset=utf-8"), maxAge);
        }

        return Assets.Value.TryGetValue(file, out var asset) ? new AssetResult(asset, maxAge) : Results.NotFound();
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ClientAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in FileNames)
        {
            using var stream = assembly.GetManifestResourceStream("FaceVerify.AspNetCore.client." + name)
                ?? throw new InvalidOperationException($"The embedded client file {name} is missing from FaceVerify.AspNetCore.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            assets[name] = new Asset(copy.ToArray(), "text/javascript; charset=utf-8");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed class Asset
    {
        public Asset(byte[] content, string contentType)
        {
            Content = content;
            ContentType = contentType;
            ETag = new EntityTagHeaderValue("\"" + Convert.ToBase64String(SHA256.HashData(content)) + "\"");
            Integrity = "sha384-" + Convert.ToBase64String(SHA384.HashData(content));
        }

        public byte[] Content { get; }

        public string ContentType { get; }

        public EntityTagHeaderValue ETag { get; }

        public string Integrity { get; }
    }

    private sealed class AssetResult(Asset asset, TimeSpan maxAge) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            var headers = response.GetTypedHeaders();
            headers.ETag = asset.ETag;
            headers.CacheControl = new CacheControlHeaderValue { Public = true, MaxAge = maxAge };
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers["Cross-Origin-Resource-Policy"] = "same-site";
            var ifNoneMatch = httpContext.Request.GetTypedHeaders().IfNoneMatch;
            if (ifNoneMatch.Any(tag => tag.Compare(asset.ETag, useStrongComparison: false) || tag.Equals(EntityTagHeaderValue.Any)))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }

            response.ContentType = asset.ContentType;
            response.ContentLength = asset.Content.Length;
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Content).AsTask();
        }
    }
}
