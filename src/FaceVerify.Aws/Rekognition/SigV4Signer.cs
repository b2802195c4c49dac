using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// AWS Signature Version 4 for header-signed requests (the subset Rekognition's JSON protocol needs, written generally
/// enough to pass the published AWS SigV4 test-suite vectors; see the tests and <c>TestData/SigV4</c>).
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Hex SHA-256 of the empty string.</summary>
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>Formats a time as SigV4's <c>X-Amz-Date</c> (<c>yyyyMMddTHHmmssZ</c>).</summary>
    public static string FormatAmzDate(DateTimeOffset time)
        => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Lower-case hex SHA-256 of <paramref name="content"/>.</summary>
    public static string HashHex(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>
    /// The canonical request: method, canonical URI, canonical query, canonical headers, signed headers, payload hash.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The absolute path, not yet URI-encoded (e.g. <c>/</c>).</param>
    /// <param name="query">The raw query string without <c>?</c> (its components already URI-encoded), or empty.</param>
    /// <param name="headers">The headers to sign, any case, in any order; repeated names are joined with commas.</param>
    /// <param name="payloadHash">Lower-case hex SHA-256 of the body.</param>
    /// <param name="signedHeaders">The signed-headers list.</param>
    public static string CanonicalRequest(
        string method,
        string path,
        string query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash,
        out string signedHeaders)
    {
        var grouped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, value) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!grouped.TryGetValue(key, out var values))
            {
                values = [];
                grouped.Add(key, values);
            }

            values.Add(TrimAll(value));
        }

        var builder = new StringBuilder();
        builder.Append(method.ToUpperInvariant()).Append('\n');
        builder.Append(CanonicalUri(path)).Append('\n');
        builder.Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, values) in grouped)
        {
            builder.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }

        builder.Append('\n');
        signedHeaders = string.Join(';', grouped.Keys);
        builder.Append(signedHeaders).Append('\n');
        builder.Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The credential scope: <c>yyyyMMdd/region/service/aws4_request</c>.</summary>
    public static string Scope(string amzDate, string region, string service) => $"{amzDate[..8]}/{region}/{service}/aws4_request";

    /// <summary>The string to sign for a canonical request.</summary>
    public static string StringToSign(string amzDate, string scope, string canonicalRequest)
        => $"{Algorithm}\n{amzDate}\n{scope}\n{HashHex(Encoding.UTF8.GetBytes(canonicalRequest))}";

    /// <summary>The hex signature of <paramref name="stringToSign"/> with the key derived from the secret.</summary>
    public static string Signature(string secretKey, string amzDate, string region, string service, string stringToSign)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), amzDate[..8]);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    /// <summary>Signs a request and returns the value of its <c>Authorization</c> header.</summary>
    /// <param name="accessKeyId">The access key id.</param>
    /// <param name="secretKey">The secret access key.</param>
    /// <param name="region">The signing region.</param>
    /// <param name="service">The signing service name.</param>
    /// <param name="amzDate">The request's <c>X-Amz-Date</c>, which must be among <paramref name="headers"/>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The absolute path.</param>
    /// <param name="query">The raw query, or empty.</param>
    /// <param name="headers">The headers to sign (include <c>host</c> and <c>x-amz-date</c>).</param>
    /// <param name="payloadHash">Hex SHA-256 of the body.</param>
    public static string Authorization(
        string accessKeyId,
        string secretKey,
        string region,
        string service,
        string amzDate,
        string method,
        string path,
        string query,
        IEnumerable<KeyValuePair<string, string>> headers,
        string payloadHash)
    {
        var canonical = CanonicalRequest(method, path, query, headers, payloadHash, out var signedHeaders);
        var scope = Scope(amzDate, region, service);
        var signature = Signature(secretKey, amzDate, region, service, StringToSign(amzDate, scope, canonical));
        return $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string TrimAll(string value)
    {
        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.Trim())
        {
            if (c is ' ' or '\t')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string CanonicalUri(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "/";
        }

        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = UriEncode(Uri.UnescapeDataString(segments[i]));
        }

        return string.Join('/', segments);
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query))
        {
            return string.Empty;
        }

        var pairs = new List<(string Key, string Value)>();
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add((UriEncode(Uri.UnescapeDataString(key)), UriEncode(Uri.UnescapeDataString(value))));
        }

        pairs.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
