using Microsoft.Extensions.Logging;

namespace FaceVerify;

/// <summary>
/// Log messages of the two expiry sweepers (see docs/observability.md): sessions (EventIds 200–219) and enrolments
/// (EventIds 400–419). Both run on <see cref="PeriodicSweep"/> and log a failed sweep the same way, each with its own id.
/// </summary>
internal static partial class ExpiryLog
{
    [LoggerMessage(200, LogLevel.Information, "Session {SessionId} expired without a verify after {FrameCount} frame(s); recorded as Expired")]
    public static partial void SessionExpired(ILogger logger, string sessionId, int frameCount);

    [LoggerMessage(201, LogLevel.Warning, "The session expiry sweep failed; it runs again at the next interval")]
    public static partial void SessionSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(400, LogLevel.Information, "The enrolment of user {UserPseudonym} expired; {FaceCount} face(s) deleted from the collection")]
    public static partial void EnrolmentExpired(ILogger logger, string userPseudonym, int faceCount);

    [LoggerMessage(401, LogLevel.Warning, "The enrolment expiry sweep failed; it runs again at the next interval")]
    public static partial void EnrolmentSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(402, LogLevel.Warning, "The attempt store does not record enrolment expiry (IEnrolmentExpiryIndex): faces stay in the face collection until the user's data is deleted")]
    public static partial void NoEnrolmentExpiryIndex(ILogger logger);
}
