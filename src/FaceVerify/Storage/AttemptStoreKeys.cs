namespace FaceVerify;

/// <summary>
/// Every key FaceVerify's services give the <see cref="IAttemptStore"/>: attempt counters, redemption ids and user
/// markers. One place, so two features can never share a key by accident and a stored key never changes unnoticed
/// (changing one resets every counter or redemption kept under the old key). A store never parses these keys.
/// </summary>
internal static class AttemptStoreKeys
{
    /// <summary>The marker a successful face login leaves: a step-up for replacing the reference.</summary>
    public const string FaceLoginStepUp = "step-up:face-login";

    /// <summary>The per-user counter of started sessions.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns><c>user:{userId}</c>.</returns>
    public static string SessionsOfUser(string userId) => "user:" + userId;

    /// <summary>The per-device counter of started sessions.</summary>
    /// <param name="deviceId">The client's device id.</param>
    /// <returns><c>device:{deviceId}</c>.</returns>
    public static string SessionsOfDevice(string deviceId) => "device:" + deviceId;

    /// <summary>The per-address counter of started sessions.</summary>
    /// <param name="clientAddress">The client's network address.</param>
    /// <returns><c>address:{clientAddress}</c>.</returns>
    public static string SessionsOfAddress(string clientAddress) => "address:" + clientAddress;

    /// <summary>The per-user counter of enrolment attempts.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns><c>enrol:user:{userId}</c>.</returns>
    public static string EnrolmentsOfUser(string userId) => "enrol:user:" + userId;

    /// <summary>The per-user counter of face-login attempts.</summary>
    /// <param name="userId">The user id.</param>
    /// <returns><c>login:user:{userId}</c>.</returns>
    public static string LoginsOfUser(string userId) => "login:user:" + userId;

    /// <summary>
    /// The redemption id of a passed session's single liveness proof, shared by result redemption, face login and
    /// enrolment: a session proves liveness once, whichever uses it first.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns><c>result:{sessionId}</c>.</returns>
    public static string SessionProof(string sessionId) => "result:" + sessionId;

    /// <summary>The redemption id of the result token of a successful face login (redeemed once, like a session's proof).</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns><c>login:{sessionId}</c>.</returns>
    public static string FaceLoginResult(string sessionId) => "login:" + sessionId;
}
