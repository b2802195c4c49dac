namespace FaceVerify;

/// <summary>
/// Implemented by an <see cref="IAttemptStore"/> that records when each enrolment expires, so that the enrolment expiry
/// sweeper (<see cref="IEnrolmentExpirySweeper"/>) can delete faces from the face collection, which has no retention of
/// its own (a Rekognition collection keeps a face until it is deleted). Enrolment adds an entry for every indexed face;
/// the sweeper removes it once the face is gone; erasing a user's data (<see cref="IAttemptStore.DeleteUserDataAsync"/>)
/// removes the user's entries. The in-memory and DynamoDB stores implement it; with a store that does not, faces stay
/// in the collection until the user's data is deleted (docs/security.md, "Deletion and retention").
/// </summary>
public interface IEnrolmentExpiryIndex
{
    /// <summary>Adds an entry (adding the same entry twice keeps one).</summary>
    /// <param name="entry">The user, the indexed face id and the end of the enrolment's retention.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask AddEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken);

    /// <summary>Lists entries whose <see cref="ExpiringEnrolment.ExpiresAt"/> is at or before <paramref name="now"/>.</summary>
    /// <param name="now">The server's current time.</param>
    /// <param name="limit">The most entries to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="limit"/> entries, oldest expiry first where the store can order them.</returns>
    ValueTask<IReadOnlyList<ExpiringEnrolment>> GetExpiredEnrolmentsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Whether an entry is still in the index (strongly consistent: a sweeper checks it under the user's lock, so a face another sweeper handled is not deleted twice).</summary>
    /// <param name="entry">The entry, as listed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the entry is still there.</returns>
    ValueTask<bool> ContainsEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken);

    /// <summary>Removes a handled entry. Removing an absent entry is not an error.</summary>
    /// <param name="entry">The entry, as listed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    ValueTask RemoveEnrolmentAsync(ExpiringEnrolment entry, CancellationToken cancellationToken);
}
