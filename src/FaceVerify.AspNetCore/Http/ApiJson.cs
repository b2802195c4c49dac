using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>The JSON settings of every response body (camelCase, nulls omitted), independent of the application's own JSON options.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static IResult Ok<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, Options, statusCode: status);

    /// <summary>An enum value as a stable snake_case code (<c>ChallengeNotCompleted</c> → <c>challenge_not_completed</c>).</summary>
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
