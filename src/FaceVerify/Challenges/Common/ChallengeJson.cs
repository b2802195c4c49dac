using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>The JSON settings of challenge parameters: camelCase names, required members enforced, numbers only as numbers.</summary>
internal static class ChallengeJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
