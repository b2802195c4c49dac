using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceVerify;

/// <summary>
/// The JSON settings of challenge parameters: camelCase names, required members enforced, numbers only as numbers.
/// The built-in challenges read and write their parameters with them; use them for your own <see cref="IChallenge"/>'s
/// parameters (and FaceVerify.Testing's <c>ChallengeHarness</c> does) so that a parameter object round-trips exactly.
/// </summary>
public static class ChallengeJson
{
    /// <summary>The read-only serializer options.</summary>
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
