using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>The key layout of the single table (<c>PK</c>/<c>SK</c> prefixes, docs/aws.md) and attribute conversions.</summary>
internal static class DynamoDbItems
{
    internal const string SessionSk = "SESSION";
    internal const string FramePrefix = "FRAME#";
    internal const string HashPrefix = "HASH#";
    internal const string TokenSk = "TOKEN";
    internal const string LockSk = "LOCK";
    internal const string MarkerPrefix = "MARK#";
    internal const string Created = nameof(SessionStatus.Created);
    internal const string Collecting = nameof(SessionStatus.Collecting);

    internal static string SessionPk(string sessionId) => "S#" + sessionId;

    internal static string UserPk(string userId) => "U#" + userId;

    internal static string CounterPk(string key) => "A#" + key;

    internal static string TokenPk(string tokenId) => "T#" + tokenId;

    internal static string FrameSk(int sequence) => FramePrefix + sequence.ToString("D10", CultureInfo.InvariantCulture);

    internal static Dictionary<string, AttributeValue> Key(string pk, string sk) => new() { ["PK"] = S(pk), ["SK"] = S(sk) };

    internal static AttributeValue S(string value) => new() { S = value };

    internal static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    internal static int Int(AttributeValue value) => int.Parse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture);

    internal static long Ttl(DateTimeOffset retainUntil) => (retainUntil.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;

    internal static string Time(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
