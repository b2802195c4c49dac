using Microsoft.Extensions.Logging;

namespace FaceVerify;

/// <summary>Log messages of the enrolment expiry sweeper (EventIds 400–419, see docs/observability.md).</summary>
internal static partial class EnrolmentExpiryLog
{
    [LoggerMessage(400, LogLevel.Information, "The enrolment of user {UserPseudonym} expired; {FaceCount} face(s) deleted from the collection")]
    public static partial void EnrolmentExpired(ILogger logger, string userPseudonym, int faceCount);

    [LoggerMessage(401, LogLevel.Warning, "The enrolment expiry sweep failed; it runs again at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(402, LogLevel.Warning, "The attempt store does not record enrolment expiry (IEnrolmentExpiryIndex): faces stay in the face collection until the user's data is deleted")]
    public static partial void NoIndex(ILogger logger);
}
