namespace FaceVerify;

/// <summary>
/// Implemented by an <see cref="IAttemptStore"/> that can list the sessions whose <see cref="ChallengeSession.ExpiresAt"/>
/// has passed while they may still be open, so that the expiry sweeper records them as
/// <see cref="SessionStatus.Expired"/> although nobody called verify. The in-memory and DynamoDB stores implement it;
/// a store that does not is simply not swept (its abandoned sessions stay open until their retention ends).
/// Listing may return sessions that are final already (a verify won): the sweeper reads each one, and completing is a
/// conditional write, so several sweepers on several instances never complete a session twice.
/// </summary>
public interface ISessionExpiryIndex
{
    /// <summary>Lists entries of sessions that expired at or before <paramref name="now"/> and are still in the index.</summary>
    /// <param name="now">The server's current time.</param>
    /// <param name="limit">The most entries to return.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="limit"/> entries, oldest expiry first where the store can order them.</returns>
    ValueTask<IReadOnlyList<ExpiringSession>> GetExpiredAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Removes a handled entry (the session is final or gone). Removing an absent entry is not an error.</summary>
    /// <param name="entry">The entry, as listed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when removed.</returns>
    ValueTask RemoveAsync(ExpiringSession entry, CancellationToken cancellationToken);
}
