using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime.Internal.Auth;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>
/// Checks a received request's SigV4 signature the way a server would: rebuilds the canonical request from what arrived
/// on the wire (written here independently of the library's signer) and signs it with the AWS SDK's own
/// <see cref="AWS4Signer.ComputeSignature(string, string, string, DateTime, string, string, string)"/>.
/// </summary>
internal static partial class SdkSignatureCheck
{
    public static (string AccessKeyId, string Region, string Service, string SignedHeaders, string Signature) ParseAuthorization(string authorization)
    {
        var match = AuthorizationPattern().Match(authorization);
        match.Success.Should().BeTrue($"'{authorization}' must be a SigV4 Authorization header");
        return (match.Groups["akid"].Value, match.Groups["region"].Value, match.Groups["service"].Value, match.Groups["signed"].Value, match.Groups["signature"].Value);
    }

    public static string ExpectedSignature(RecordedRequest request, string secretAccessKey)
    {
        var auth = ParseAuthorization(request.Headers["authorization"]);
        var canonical = new StringBuilder();
        canonical.Append(request.Method).Append('\n').Append(request.Path).Append('\n').Append('\n');
        foreach (var name in auth.SignedHeaders.Split(';'))
        {
            canonical.Append(name).Append(':').Append(request.Headers[name].Trim()).Append('\n');
        }

        canonical.Append('\n').Append(auth.SignedHeaders).Append('\n');
        canonical.Append(Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var signedAt = DateTime.ParseExact(request.Headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var result = AWS4Signer.ComputeSignature(auth.AccessKeyId, secretAccessKey, auth.Region, signedAt, auth.Service, auth.SignedHeaders, canonical.ToString());
        return result.Signature;
    }

    [GeneratedRegex("^AWS4-HMAC-SHA256 Credential=(?<akid>[^/]+)/(?<date>[0-9]{8})/(?<region>[^/]+)/(?<service>[^/]+)/aws4_request, SignedHeaders=(?<signed>[a-z0-9;-]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}
