using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace FaceVerify.AspNetCore;

/// <summary>
/// A parsed JSON object body with typed, validating field reads: every malformed input (bad JSON, not an object,
/// missing field, wrong type) becomes a 400 problem, never an exception.
/// </summary>
internal sealed class JsonRequest : IDisposable
{
    private readonly JsonDocument _document;

    private JsonRequest(JsonDocument document) => _document = document;

    public JsonElement Root => _document.RootElement;

    /// <summary>Reads and parses a JSON object body: 415 unless it is JSON, 413 over <paramref name="limit"/>, 400 when malformed.</summary>
    public static async Task<(JsonRequest? Request, ProblemResult? Problem)> ReadAsync(HttpContext context, int limit, CancellationToken cancellationToken)
    {
        if (RequestBody.Classify(context.Request) != BodyKind.Json)
        {
            return (null, Problems.UnsupportedMediaType("Send the request as application/json."));
        }

        var body = await RequestBody.ReadAsync(context, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, Problems.PayloadTooLarge(limit));
        }

        return TryParse(body, out var request, out var problem) ? (request, null) : (null, problem);
    }

    public static bool TryParse(byte[] body, [NotNullWhen(true)] out JsonRequest? request, [NotNullWhen(false)] out ProblemResult? problem)
    {
        request = null;
        problem = null;
        JsonDocument document;
        try
        {
            // Duplicate property names are refused: two readers of one body (a proxy or WAF that keeps the first value,
            // this parser that would keep the last) must never see different requests.
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            problem = HasDuplicateProperty(body)
                ? Problems.DuplicateJsonProperty()
                : Problems.InvalidRequest("The body is not valid JSON.");
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            problem = Problems.InvalidRequest("The body must be a JSON object.");
            return false;
        }

        request = new JsonRequest(document);
        return true;
    }

    /// <summary>Whether <paramref name="body"/> is valid JSON once duplicate property names are allowed (called only after a refusal).</summary>
    private static bool HasDuplicateProperty(byte[] body)
    {
        try
        {
            using var lenient = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = true });
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads a string field. A missing or null field gives <see langword="null"/> unless <paramref name="required"/>.</summary>
    public bool TryGetString(string name, bool required, out string? value, [NotNullWhen(false)] out ProblemResult? problem)
    {
        value = null;
        problem = null;
        if (!Root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problem = Problems.InvalidRequest($"The field '{name}' is required.");
                return false;
            }

            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            problem = Problems.InvalidRequest($"The field '{name}' must be a string.");
            return false;
        }

        value = element.GetString();
        if (required && string.IsNullOrWhiteSpace(value))
        {
            problem = Problems.InvalidRequest($"The field '{name}' must not be empty.");
            return false;
        }

        return true;
    }

    /// <summary>Reads a required integer field.</summary>
    public bool TryGetInt32(string name, out int value, [NotNullWhen(false)] out ProblemResult? problem)
    {
        value = 0;
        problem = null;
        if (!Root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            problem = Problems.InvalidRequest($"The field '{name}' is required.");
            return false;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt32(out value))
        {
            problem = Problems.InvalidRequest($"The field '{name}' must be an integer.");
            return false;
        }

        return true;
    }

    public void Dispose() => _document.Dispose();
}
