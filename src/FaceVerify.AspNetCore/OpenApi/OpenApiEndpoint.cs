using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>Serves the hand-written OpenAPI 3.1 document of the routes (<c>OpenApi/openapi.json</c>), with the mount prefix as its server URL.</summary>
internal static class OpenApiEndpoint
{
    private static readonly Lazy<string> Template = new(LoadTemplate);

    public static IResult Get(string prefix)
    {
        var document = JsonNode.Parse(Template.Value)!.AsObject();
        document["servers"] = new JsonArray(new JsonObject { ["url"] = prefix });
        return Results.Text(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), "application/json");
    }

    private static string LoadTemplate()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream("FaceVerify.AspNetCore.openapi.json")
            ?? throw new InvalidOperationException("The embedded OpenAPI document is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
