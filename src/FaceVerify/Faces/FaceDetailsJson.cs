using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>
/// Reads and writes <see cref="FaceDetails"/> in Amazon Rekognition's JSON shape (<c>FaceDetail</c>), so that recorded
/// Rekognition responses, stored analyses and replay files all go through one code path.
/// </summary>
public static class FaceDetailsJson
{
    /// <summary>Serializer options for Rekognition-shaped JSON: PascalCase names, unknown fields ignored (a new emotion type, attribute or landmark type never fails a response: unknown landmark types are skipped), nulls omitted.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Parses a JSON array of Rekognition <c>FaceDetail</c> objects.</summary>
    /// <param name="json">The JSON array.</param>
    /// <returns>The faces, in the order given.</returns>
    /// <exception cref="JsonException">The JSON is not an array of face details.</exception>
    public static IReadOnlyList<FaceDetails> ParseArray(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<FaceDetails[]>(json, Options) ?? throw new JsonException("Expected a JSON array of FaceDetail objects, found null.");
    }

    /// <summary>Reads a JSON array of Rekognition <c>FaceDetail</c> objects from an element.</summary>
    /// <param name="element">A JSON array element.</param>
    /// <returns>The faces, in the order given.</returns>
    /// <exception cref="JsonException">The element is not an array of face details.</exception>
    public static IReadOnlyList<FaceDetails> ReadArray(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException($"Expected a JSON array of FaceDetail objects, found {element.ValueKind}.");
        }

        return element.Deserialize<FaceDetails[]>(Options) ?? [];
    }

    /// <summary>Parses a Rekognition <c>DetectFaces</c> response body (<c>{"FaceDetails":[…]}</c>).</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The faces found.</returns>
    /// <exception cref="JsonException">The body is not a DetectFaces response.</exception>
    public static IReadOnlyList<FaceDetails> ParseDetectFacesResponse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("FaceDetails", out var faces))
        {
            throw new JsonException("A DetectFaces response must have a FaceDetails array.");
        }

        return ReadArray(faces);
    }

    /// <summary>Writes faces as a JSON array of Rekognition <c>FaceDetail</c> objects.</summary>
    /// <param name="faces">The faces.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(IReadOnlyList<FaceDetails> faces) => JsonSerializer.Serialize(faces, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };

        // Rekognition adds landmark types over time: one unknown landmark must not fail a whole response.
        options.Converters.Add(new TolerantLandmarkListConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
