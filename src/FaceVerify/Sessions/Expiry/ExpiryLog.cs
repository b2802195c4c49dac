using Microsoft.Extensions.Logging;

namespace FaceVerify;

/// <summary>Log messages of the expiry sweeper (EventIds 200–219, see docs/observability.md).</summary>
internal static partial class ExpiryLog
{
    [LoggerMessage(200, LogLevel.Information, "Session {SessionId} expired without a verify after {FrameCount} frame(s); recorded as Expired")]
    public static partial void SessionExpired(ILogger logger, string sessionId, int frameCount);

    [LoggerMessage(201, LogLevel.Warning, "The session expiry sweep failed; it runs again at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
