using System.Text;
using System.Text.Json.Nodes;

namespace FaceVerify.CognitoTriggers.Tests.Infrastructure;

/// <summary>The recorded events under TestData/.</summary>
internal static class Fixtures
{
    public const string DefineFirst = "define-auth-challenge.json";
    public const string DefineAfterWrongAnswer = "define-auth-challenge-after-wrong-answer.json";
    public const string Create = "create-auth-challenge.json";
    public const string Verify = "verify-auth-challenge-response.json";
    public const string PreSignUp = "pre-sign-up.json";
    public const string S3ObjectCreated = "s3-object-created.json";
    public const string ScheduledEvent = "scheduled-event.json";

    /// <summary>The sub of the fixtures' user (Jane).</summary>
    public const string JaneSub = "6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f";

    /// <summary>The bucket of the S3 fixture.</summary>
    public const string UploadBucket = "faceverify-uploads-example";

    public static string Text(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "TestData", name));

    public static JsonObject Json(string name) => JsonNode.Parse(Text(name))!.AsObject();

    public static MemoryStream Stream(string json) => new(Encoding.UTF8.GetBytes(json));

    public static MemoryStream Stream(JsonNode node) => Stream(node.ToJsonString());

    public static JsonObject Read(Stream output)
    {
        using var reader = new StreamReader(output);
        return JsonNode.Parse(reader.ReadToEnd())!.AsObject();
    }
}
