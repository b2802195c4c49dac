namespace FaceVerify;

/// <summary>
/// The key layout of the frame store: <c>sessions/{sessionId}/{contentHash}.{ext}</c> for frames and
/// <c>enrolments/{opaqueUserId}/{name}</c> for reference images. Frames are keyed by content hash, not sequence,
/// because the bytes are stored <em>before</em> the metadata append assigns the sequence: an accepted frame always
/// has its bytes, and a failed append leaves at most an orphan object that retention removes.
/// </summary>
public static class FrameKeys
{
    /// <summary>The key of a session frame.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="contentHash">Lower-case hex SHA-256 of the bytes.</param>
    /// <param name="format">The image encoding.</param>
    /// <returns>The key.</returns>
    public static string Frame(string sessionId, string contentHash, ImageFormat format)
        => $"{SessionPrefix(sessionId)}{contentHash}.{Extension(format)}";

    /// <summary>The prefix of every frame of a session.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <returns>The prefix, ending in <c>/</c>.</returns>
    public static string SessionPrefix(string sessionId)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return $"sessions/{sessionId}/";
    }

    /// <summary>The key of a user's reference image.</summary>
    /// <param name="userId">The user id (made opaque in the key).</param>
    /// <param name="format">The image encoding.</param>
    /// <returns>The key.</returns>
    public static string Enrolment(string userId, ImageFormat format) => $"{EnrolmentPrefix(userId)}reference.{Extension(format)}";

    /// <summary>The prefix of every enrolment object of a user.</summary>
    /// <param name="userId">The user id (made opaque in the key).</param>
    /// <returns>The prefix, ending in <c>/</c>.</returns>
    public static string EnrolmentPrefix(string userId) => $"enrolments/{OpaqueUserId(userId)}/";

    /// <summary>
    /// The user's id as it appears in keys and external systems (S3 keys, Rekognition <c>ExternalImageId</c>): the
    /// <see cref="UserPseudonym"/>, never the raw id.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <returns>32 lower-case hex characters: <see cref="UserPseudonym.Of"/>.</returns>
    public static string OpaqueUserId(string userId) => UserPseudonym.Of(userId);

    /// <summary>The file extension of an encoding.</summary>
    /// <param name="format">The encoding.</param>
    /// <returns><c>jpg</c> or <c>png</c>.</returns>
    public static string Extension(ImageFormat format) => format == ImageFormat.Png ? "png" : "jpg";
}
