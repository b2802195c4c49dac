using Microsoft.Extensions.Logging;

namespace FaceVerify;

/// <summary>Source-generated log messages. Never log tokens, image bytes, landmarks or embeddings; user ids only as opaque ids.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Session {SessionId} started: challenge {ChallengeType}, frames {Width}x{Height}, user {OpaqueUserId}")]
    public static partial void SessionStarted(ILogger logger, string sessionId, string challengeType, int width, int height, string opaqueUserId);

    [LoggerMessage(2, LogLevel.Warning, "Session start refused for user {OpaqueUserId}: {Reason}")]
    public static partial void SessionRefused(ILogger logger, string opaqueUserId, StartChallengeReason reason);

    [LoggerMessage(3, LogLevel.Debug, "Session {SessionId}: frame {Sequence} accepted ({Length} bytes)")]
    public static partial void FrameAccepted(ILogger logger, string sessionId, int sequence, int length);

    [LoggerMessage(4, LogLevel.Information, "Session {SessionId}: frame rejected: {Rejection}")]
    public static partial void FrameRejected(ILogger logger, string sessionId, string rejection);

    [LoggerMessage(5, LogLevel.Information, "Session {SessionId}: challenge decided at frame {Sequence}: {Kind} ({Reason})")]
    public static partial void ChallengeDecided(ILogger logger, string sessionId, int sequence, VerdictKind kind, ChallengeReason reason);

    [LoggerMessage(6, LogLevel.Warning, "Session {SessionId}: analysis of frame {Sequence} failed; verify will retry it")]
    public static partial void AnalysisFailed(ILogger logger, Exception exception, string sessionId, int sequence);

    [LoggerMessage(7, LogLevel.Information, "Session {SessionId} completed: {Status} ({Reason}) at frame {DecidedAtFrame}")]
    public static partial void SessionCompleted(ILogger logger, string sessionId, SessionStatus status, ChallengeReason reason, int? decidedAtFrame);

    [LoggerMessage(8, LogLevel.Information, "Session {SessionId}: verify refused: {Reason}")]
    public static partial void VerifyRefused(ILogger logger, string sessionId, SessionAccessReason reason);

    [LoggerMessage(9, LogLevel.Information, "Result token redemption refused: {Reason}")]
    public static partial void RedemptionRefused(ILogger logger, TokenValidationReason reason);

    [LoggerMessage(40, LogLevel.Information, "Enrolment of user {OpaqueUserId}: {Kind} (step-up {StepUp})")]
    public static partial void EnrolmentChanged(ILogger logger, EnrolmentChangeKind kind, string opaqueUserId, EnrolmentStepUp stepUp);

    [LoggerMessage(41, LogLevel.Error, "Enrolment observer {Observer} failed on {Kind}; the change stands")]
    public static partial void EnrolmentObserverFailed(ILogger logger, Exception exception, string observer, EnrolmentChangeKind kind);
}
