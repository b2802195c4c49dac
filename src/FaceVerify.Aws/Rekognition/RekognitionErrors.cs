using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace FaceVerify.Aws.Rekognition;

/// <summary>Rekognition error codes, their classification, and parsing of error answers.</summary>
internal static class RekognitionErrors
{
    public const string InvalidImageFormat = "InvalidImageFormatException";
    public const string ImageTooLarge = "ImageTooLargeException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string AccessDenied = "AccessDeniedException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string ResourceAlreadyExists = "ResourceAlreadyExistsException";

    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "InternalServerError",
        "InternalServerErrorException",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "TooManyRequestsException",
        "RequestTimeout",
        "RequestTimeoutException",
        "PriorRequestNotComplete",
    };

    private static readonly HashSet<string> ConfigurationCodes = new(StringComparer.Ordinal)
    {
        AccessDenied,
        ResourceNotFound,
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "IncompleteSignature",
        "MissingAuthenticationToken",
        "ExpiredTokenException",
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
    };

    /// <summary>Whether a failure with this code and status may be retried.</summary>
    public static bool IsTransient(string code, HttpStatusCode status)
        => TransientCodes.Contains(code) || (int)status >= 500 || status == HttpStatusCode.TooManyRequests;

    /// <summary>Whether the code means the deployment is misconfigured (credentials, permissions, missing collection).</summary>
    public static bool IsConfiguration(string code) => ConfigurationCodes.Contains(code);

    /// <summary>The image rejection a code stands for, if it is one.</summary>
    public static ImageRejection? ToRejection(string code) => code switch
    {
        InvalidImageFormat => ImageRejection.InvalidImageFormat,
        ImageTooLarge => ImageRejection.ImageTooLarge,
        InvalidParameter => ImageRejection.InvalidParameter,
        _ => null,
    };

    /// <summary>
    /// Strips a code's namespace and suffix the way the AWS SDKs do: everything after the first <c>:</c> and everything
    /// up to the last <c>#</c> (<c>com.amazonaws.rekognition#ThrottlingException</c> → <c>ThrottlingException</c>).
    /// </summary>
    public static string NormalizeCode(string code)
    {
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Trim();
    }

    /// <summary>Parses an error answer (body and headers) into an exception.</summary>
    public static RekognitionException Parse(HttpStatusCode status, HttpResponseHeaders headers, string body)
    {
        string? code = null;
        string? message = null;
        if (!string.IsNullOrWhiteSpace(body))
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    code = GetString(document.RootElement, "__type") ?? GetString(document.RootElement, "code") ?? GetString(document.RootElement, "Code");
                    message = GetString(document.RootElement, "message") ?? GetString(document.RootElement, "Message");
                }
            }
            catch (JsonException)
            {
                message = body.Length > 200 ? body[..200] : body;
            }
        }

        if (headers.TryGetValues("x-amzn-ErrorType", out var typeHeader) && typeHeader.FirstOrDefault() is { Length: > 0 } headerCode)
        {
            code ??= headerCode;
        }

        if (headers.TryGetValues("x-amzn-query-error", out var queryError) && queryError.FirstOrDefault() is { Length: > 0 } query)
        {
            code = query.Split(';')[0];
        }

        code = code is null ? $"Http{(int)status}" : NormalizeCode(code);
        string? requestId = headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        return new RekognitionException(code, message ?? status.ToString(), status, requestId);
    }

    private static string? GetString(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
