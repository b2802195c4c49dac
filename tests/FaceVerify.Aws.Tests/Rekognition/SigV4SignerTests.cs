using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.Internal.Auth;
using FaceVerify.Aws.Rekognition;

namespace FaceVerify.Aws.Tests.Rekognition;

public class SigV4SignerTests
{
    private static readonly JsonElement Suite = LoadSuite();

    public static IEnumerable<TestCaseData> Vectors()
        => Suite.GetProperty("cases").EnumerateArray().Select(c => new TestCaseData(c.GetProperty("name").GetString()).SetName($"Authorization_{c.GetProperty("name").GetString()}_MatchesPublishedSignature"));

    [TestCaseSource(nameof(Vectors))]
    public void Authorization_Vector_MatchesPublishedSignature(string name)
    {
        var vector = Case(name);

        var authorization = Sign(vector, out _);

        authorization.Should().Be(vector.GetProperty("authorization").GetString());
    }

    [TestCase("post-x-www-form-urlencoded")]
    [TestCase("rekognition-create-collection")]
    public void CanonicalRequest_Vector_MatchesPublishedCanonicalForm(string name)
    {
        var vector = Case(name);

        Sign(vector, out var canonical);

        canonical.Should().Be(vector.GetProperty("canonicalRequest").GetString());
        if (vector.TryGetProperty("canonicalRequestHash", out var hash))
        {
            SigV4Signer.HashHex(Encoding.UTF8.GetBytes(canonical)).Should().Be(hash.GetString());
        }
    }

    [TestCaseSource(nameof(Vectors))]
    public void Signature_Vector_EqualsAwsSdkSignerOnSameCanonicalRequest(string name)
    {
        var vector = Case(name);
        Sign(vector, out var canonical);
        var amzDate = Suite.GetProperty("amzDate").GetString()!;
        var region = Suite.GetProperty("region").GetString()!;
        var service = vector.GetProperty("service").GetString()!;
        var signedHeaders = canonical.Split('\n')[^2];
        var signedAt = DateTime.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

        var sdk = AWS4Signer.ComputeSignature(AccessKey(), SecretKey(), region, signedAt, service, signedHeaders, canonical);
        var ours = SigV4Signer.Signature(SecretKey(), amzDate, region, service, SigV4Signer.StringToSign(amzDate, SigV4Signer.Scope(amzDate, region, service), canonical));

        ours.Should().Be(sdk.Signature);
    }

    [Test]
    public void Authorization_BodyChanged_SignatureChanges()
    {
        var vector = Case("rekognition-create-collection");
        var original = Sign(vector, out _);
        var headers = Headers(vector);

        var tampered = SigV4Signer.Authorization(AccessKey(), SecretKey(), "us-east-1", "rekognition", "20150830T123600Z", "POST", "/", string.Empty, headers, SigV4Signer.HashHex("{\"CollectionId\":\"other\"}"u8));

        tampered.Should().NotBe(original);
    }

    [Test]
    public void FormatAmzDate_Offset_IsUtcBasicFormat()
        => SigV4Signer.FormatAmzDate(new DateTimeOffset(2015, 8, 30, 14, 36, 0, TimeSpan.FromHours(2))).Should().Be("20150830T123600Z");

    private static string Sign(JsonElement vector, out string canonical)
    {
        var amzDate = Suite.GetProperty("amzDate").GetString()!;
        var region = Suite.GetProperty("region").GetString()!;
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);
        var headers = Headers(vector);
        var payloadHash = SigV4Signer.HashHex(body);
        canonical = SigV4Signer.CanonicalRequest(vector.GetProperty("method").GetString()!, vector.GetProperty("path").GetString()!, vector.GetProperty("query").GetString()!, headers, payloadHash, out _);
        return SigV4Signer.Authorization(
            AccessKey(),
            SecretKey(),
            region,
            vector.GetProperty("service").GetString()!,
            amzDate,
            vector.GetProperty("method").GetString()!,
            vector.GetProperty("path").GetString()!,
            vector.GetProperty("query").GetString()!,
            headers,
            payloadHash);
    }

    private static List<KeyValuePair<string, string>> Headers(JsonElement vector)
        => vector.GetProperty("headers").EnumerateArray().Select(h => new KeyValuePair<string, string>(h[0].GetString()!, h[1].GetString()!)).ToList();

    private static JsonElement Case(string name) => Suite.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static string AccessKey() => Suite.GetProperty("credentials").GetProperty("accessKeyId").GetString()!;

    private static string SecretKey() => Suite.GetProperty("credentials").GetProperty("secretAccessKey").GetString()!;

    private static JsonElement LoadSuite()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "SigV4", "vectors.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();
    }
}
