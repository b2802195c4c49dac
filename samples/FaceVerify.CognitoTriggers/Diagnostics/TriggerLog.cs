using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Handlers;
using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers;

/// <summary>
/// Source-generated log messages of the triggers. Unlike the reference (which logged every event), nothing here
/// logs the event, e-mail addresses, names, tokens, answers, similarity scores or image bytes; users appear only as
/// FaceVerify's opaque id, sessions by id.
/// </summary>
internal static partial class TriggerLog
{
    [LoggerMessage(100, LogLevel.Information, "Define: {Rounds} round(s) so far -> {Decision}")]
    public static partial void Defined(ILogger logger, int rounds, DefineDecision decision);

    [LoggerMessage(101, LogLevel.Information, "Create: session {SessionId} started ({ChallengeType})")]
    public static partial void ChallengeCreated(ILogger logger, string sessionId, string challengeType);

    [LoggerMessage(102, LogLevel.Information, "Create: no session started ({Reason}); answering with a decoy challenge")]
    public static partial void StartRefused(ILogger logger, StartChallengeReason reason);

    [LoggerMessage(103, LogLevel.Error, "Create: FaceVerify failed or timed out; answering with a decoy challenge")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Information, "Create: decoy challenge issued")]
    public static partial void DecoyIssued(ILogger logger);

    [LoggerMessage(105, LogLevel.Information, "Verify: session {SessionId}: answerCorrect={AnswerCorrect} ({Check}, {LoginReason})")]
    public static partial void Verified(ILogger logger, string sessionId, bool answerCorrect, VerifyCheck check, FaceLoginReason? loginReason);

    [LoggerMessage(106, LogLevel.Error, "Verify: FaceVerify failed or timed out; answering 'wrong'")]
    public static partial void LoginFailed(ILogger logger, Exception exception);

    [LoggerMessage(107, LogLevel.Information, "PreSignUp: sign-up refused ({Why})")]
    public static partial void SignUpRefused(ILogger logger, string why);

    [LoggerMessage(108, LogLevel.Information, "Enrolment upload: {Status} ({Reason}) for user {OpaqueUserId}. {Detail}")]
    public static partial void UploadProcessed(ILogger logger, EnrolmentUploadStatus status, EnrolmentUploadReason reason, string opaqueUserId, string detail);

    [LoggerMessage(109, LogLevel.Error, "Invocation {RequestId} failed")]
    public static partial void InvocationFailed(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(112, LogLevel.Information, "PostAuthentication: sign-in recorded for user {OpaqueUserId} (approves one re-enrolment)")]
    public static partial void EnrolmentApprovalRecorded(ILogger logger, string opaqueUserId);

    [LoggerMessage(110, LogLevel.Information, "Expiry sweep: {SessionsExpired} session(s) recorded as Expired, {EnrolmentsExpired} enrolment(s) ended")]
    public static partial void ExpirySwept(ILogger logger, int sessionsExpired, int enrolmentsExpired);

    [LoggerMessage(111, LogLevel.Error, "Expiry sweep: the {Sweep} expiry sweep failed; the next scheduled run tries again")]
    public static partial void ExpirySweepFailed(ILogger logger, Exception exception, string sweep);
}
