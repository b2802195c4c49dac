using System.Net;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// An error answer from Rekognition (or a compatible engine), parsed from the <c>__type</c>/<c>message</c> body or the
/// <c>x-amzn-ErrorType</c> header. The adapters turn expected errors into values and wrap the rest in
/// <see cref="FaceVerificationException"/>, so applications meet this type only as an inner exception.
/// </summary>
public sealed class RekognitionException : Exception
{
    /// <summary>Creates an exception.</summary>
    public RekognitionException()
        : this("Rekognition returned an error.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RekognitionException(string message)
        : base(message)
    {
        ErrorCode = "Unknown";
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RekognitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorCode = "Unknown";
    }

    /// <summary>Creates an exception for an error answer.</summary>
    /// <param name="errorCode">The error code without namespace, e.g. <c>ThrottlingException</c>.</param>
    /// <param name="message">The service's message.</param>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c>, when present.</param>
    public RekognitionException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
        : base($"Rekognition {errorCode} (HTTP {(int)statusCode}): {message}")
    {
        ErrorCode = errorCode;
        ServiceMessage = message;
        StatusCode = statusCode;
        RequestId = requestId;
    }

    /// <summary>The error code without namespace, e.g. <c>ThrottlingException</c>.</summary>
    public string ErrorCode { get; }

    /// <summary>The service's message.</summary>
    public string? ServiceMessage { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The request id (<c>x-amzn-RequestId</c>), for AWS support.</summary>
    public string? RequestId { get; }

    /// <summary>Whether the error is transient (throttling, a 5xx, a service timeout) and the call may be retried.</summary>
    public bool IsTransient => RekognitionErrors.IsTransient(ErrorCode, StatusCode);
}
