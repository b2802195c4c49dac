using System.Net;
using System.Text.RegularExpressions;

namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>
/// An enrolment upload key, <c>{prefix}{sub}/{file}</c>: the owner is the user-pool <c>sub</c> in the key, a prefix
/// that only that signed-in user can write (the identity pool's role allows <c>s3:PutObject</c> on
/// <c>{prefix}${aws:PrincipalTag/sub}/*</c>, see docs/cognito.md). Never uploader-set metadata.
/// </summary>
/// <param name="UserId">The owner's user-pool <c>sub</c> (a lower-case UUID).</param>
/// <param name="FileName">The file name under the owner's prefix.</param>
public sealed partial record UploadKey(string UserId, string FileName)
{
    /// <summary>The longest accepted key.</summary>
    internal const int MaxKeyLength = 256;

    /// <summary>
    /// Reads a key as it appears in an S3 event (URL-encoded, '+' for spaces), and accepts it only when it is exactly
    /// prefix, a UUID <c>sub</c>, '/', and a plain file name ending in .jpg, .jpeg or .png (no further '/', no '..').
    /// </summary>
    /// <param name="eventKey">The key from the event.</param>
    /// <param name="prefix">The upload prefix, ending in '/'.</param>
    /// <param name="key">The parsed key.</param>
    /// <returns>Whether the key is an enrolment upload.</returns>
    public static bool TryParse(string? eventKey, string prefix, out UploadKey? key)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        key = null;
        if (string.IsNullOrEmpty(eventKey) || eventKey.Length > MaxKeyLength * 3)
        {
            return false;
        }

        var decoded = WebUtility.UrlDecode(eventKey);
        if (decoded.Length > MaxKeyLength || !decoded.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var match = KeyPattern().Match(decoded[prefix.Length..]);
        if (!match.Success)
        {
            return false;
        }

        key = new UploadKey(match.Groups["sub"].Value, match.Groups["file"].Value);
        return true;
    }

    [GeneratedRegex(@"^(?<sub>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(?<file>[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}\.(?:jpg|jpeg|png))\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex KeyPattern();
}
