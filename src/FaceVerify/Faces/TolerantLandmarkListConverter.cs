using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>
/// Reads a <c>Landmarks</c> array leniently: a landmark whose <c>Type</c> this version does not know (Rekognition adds
/// landmark types over time) is skipped instead of failing the whole response; every known landmark is read as usual.
/// Writing is unchanged.
/// </summary>
internal sealed class TolerantLandmarkListConverter : JsonConverter<IReadOnlyList<Landmark>>
{
    public override IReadOnlyList<Landmark>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Landmarks must be an array.");
        }

        var landmarks = new List<Landmark>();
        using var document = JsonDocument.ParseValue(ref reader);
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object && TryGetType(element, out var type) && !IsKnown(type, options))
            {
                continue;
            }

            landmarks.Add(element.Deserialize<Landmark>(options));
        }

        return landmarks;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<Landmark> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var landmark in value)
        {
            JsonSerializer.Serialize(writer, landmark, options);
        }

        writer.WriteEndArray();
    }

    private static bool TryGetType(JsonElement element, out JsonElement type)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, "Type", StringComparison.OrdinalIgnoreCase))
            {
                type = property.Value;
                return true;
            }
        }

        type = default;
        return false;
    }

    private static bool IsKnown(JsonElement type, JsonSerializerOptions options)
    {
        try
        {
            type.Deserialize<LandmarkType>(options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
