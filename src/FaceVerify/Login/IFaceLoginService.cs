namespace FaceVerify;

/// <summary>
/// Face login, 1:1: a passed liveness session of the user, used once, whose deciding frame and a second liveness frame
/// both match the user's own enrolled reference photo (<see cref="IFaceComparer"/>) at or above
/// <c>FaceVerify:SimilarityThreshold</c>. No face collection is searched.
/// </summary>
public interface IFaceLoginService
{
    /// <summary>Checks a session for a login of <paramref name="userId"/>. The session is used up by this call, whatever its result.</summary>
    /// <param name="userId">The user logging in (from the caller's authentication flow, e.g. Cognito's user name).</param>
    /// <param name="sessionId">The liveness session the client completed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the login succeeded, and why not.</returns>
    ValueTask<FaceLoginResult> LoginAsync(string userId, string sessionId, CancellationToken cancellationToken);
}
