namespace FaceVerify;

/// <summary>
/// Enrolment: a collection of users' indexed reference faces (a Rekognition collection, or another engine's). Users
/// are identified towards the engine by <see cref="FrameKeys.OpaqueUserId"/>, never by their raw id.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "The name is settled in DESIGN.md and mirrors Rekognition collections.")]
public interface IFaceCollection
{
    /// <summary>Indexes a user's reference face. The image must hold exactly one face of sufficient quality.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="image">The reference photo.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The face id, or why the photo was refused.</returns>
    ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken);

    /// <summary>
    /// Searches the collection for the face in <paramref name="image"/> and reports how well it matches
    /// <paramref name="userId"/>'s enrolled face. Face login does not use it (it compares 1:1 with the user's reference
    /// photo through <see cref="IFaceComparer"/>: a top-N search can be crowded out by other users' look-alike faces).
    /// </summary>
    /// <param name="userId">The claimed user.</param>
    /// <param name="image">The probe image.</param>
    /// <param name="minSimilarity">The lowest similarity to report as a match, 0–100.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The best similarity found for that user's faces.</returns>
    ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken);

    /// <summary>Removes every indexed face of a user.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many faces were removed.</returns>
    ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the given faces of a user by id, without listing the collection (enrolment remembers the face id it
    /// indexed). The default falls back to <see cref="DeleteUserFacesAsync"/>; engines that can delete by id should.
    /// </summary>
    /// <param name="userId">The user the faces belong to.</param>
    /// <param name="faceIds">The face ids, as <see cref="IndexFaceAsync"/> returned them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many faces were removed.</returns>
    ValueTask<int> DeleteFacesAsync(string userId, IReadOnlyList<string> faceIds, CancellationToken cancellationToken)
        => DeleteUserFacesAsync(userId, cancellationToken);
}
