using Microsoft.Extensions.Logging;

namespace FaceVerify.AspNetCore;

/// <summary>Source-generated log messages of the endpoints. Never tokens, images or biometric data.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Error, Message = "FaceVerify infrastructure fault in {Method} {Endpoint}; answered 503")]
    public static partial void InfrastructureFault(ILogger logger, string method, string endpoint, Exception exception);
}
