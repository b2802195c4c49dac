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
    /// <summary>Bytes a JSON body with one base64 field may add to the binary besides the base64 itself (other fields, names).</summary>
    private const int Base64BodyOverhead = 8 * 1024;

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

        return await ReadBodyAsync(context, limit, Problems.PayloadTooLarge(limit), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads and parses a body the caller has classified as JSON: <paramref name="tooLarge"/> over <paramref name="limit"/>, 400 when malformed.</summary>
    public static async Task<(JsonRequest? Request, ProblemResult? Problem)> ReadBodyAsync(HttpContext context, int limit, ProblemResult tooLarge, CancellationToken cancellationToken)
    {
        var body = await RequestBody.ReadAsync(context, limit, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return (null, tooLarge);
        }

        return TryParse(body, out var request, out var problem) ? (request, null) : (null, problem);
    }

    /// <summary>
    /// The body limit of a JSON request that carries up to <paramref name="binaryLimit"/> bytes as a base64 field:
    /// base64 grows them by 4/3, plus <see cref="Base64BodyOverhead"/> for the other fields and the names.
    /// </summary>
    public static int Base64BodyLimit(int binaryLimit) => (int)Math.Min(int.MaxValue, (((long)binaryLimit + 2) / 3 * 4) + Base64BodyOverhead);

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
    /// <summary>
    /// Reads the required base64 field <paramref name="name"/> of at most <paramref name="maxBytes"/> decoded bytes: a
    /// 400 problem when it is missing or not plain base64, <paramref name="tooLarge"/> when it decodes to more bytes.
    /// </summary>
    public bool TryGetBase64(string name, int maxBytes, ProblemResult tooLarge, out ReadOnlyMemory<byte> value, [NotNullWhen(false)] out ProblemResult? problem)
    {
        value = default;
        if (!TryGetString(name, required: true, out var base64, out problem))
        {
            return false;
        }

        var bytes = new byte[((base64!.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            problem = Problems.InvalidRequest($"The field '{name}' must be plain base64 (without a 'data:' prefix).");
            return false;
        }

        if (written > maxBytes)
        {
            problem = tooLarge;
            return false;
        }

        value = bytes.AsMemory(0, written);
        return true;
    }

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
