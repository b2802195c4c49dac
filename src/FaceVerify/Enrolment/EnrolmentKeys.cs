namespace FaceVerify;

/// <summary>The attempt-store keys of enrolment and face login (counters and markers).</summary>
internal static class EnrolmentKeys
{
    /// <summary>The marker a successful face login leaves: a step-up for replacing the reference.</summary>
    public const string FaceLoginStepUp = "step-up:face-login";

    /// <summary>The per-user counter of enrolment attempts.</summary>
    public static string EnrolmentCounter(string userId) => "enrol:user:" + userId;

    /// <summary>The per-user counter of face-login attempts.</summary>
    public static string LoginCounter(string userId) => "login:user:" + userId;

    /// <summary>The redemption id of a passed session's single proof (shared by face login, enrolment and redeem).</summary>
    public static string SessionProof(string sessionId) => "result:" + sessionId;
}
