using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>The JSON strings stored in items: analyses (faces in Rekognition's <c>FaceDetail</c> shape) and outcomes.</summary>
internal static class DynamoDbItemJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string SerializeAnalysis(StoredAnalysis analysis)
        => JsonSerializer.Serialize(new AnalysisDocument(analysis.Faces, analysis.Rejection, analysis.AnalyzedAt), Options);

    public static StoredAnalysis DeserializeAnalysis(string json)
    {
        var document = JsonSerializer.Deserialize<AnalysisDocument>(json, Options) ?? throw new JsonException("An analysis is null.");
        return new StoredAnalysis(document.Faces ?? [], document.Rejection, document.AnalyzedAt);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(FaceDetailsJson.Options);
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed record AnalysisDocument(IReadOnlyList<FaceDetails>? Faces, ImageRejection? Rejection, DateTimeOffset AnalyzedAt);
}
