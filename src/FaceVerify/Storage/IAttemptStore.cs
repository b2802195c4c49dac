namespace FaceVerify;

/// <summary>
/// Durable state of sessions, frame metadata, analyses, outcomes, attempt counters and redeemed tokens. Every state
/// change is a conditional write, so several instances (and Lambda functions) can share one store safely; reads that
/// a decision depends on are strongly consistent. Implementations: in-memory (tests, single process), DynamoDB
/// (production). Any implementation can run the shared store contract tests (<c>AttemptStoreContractTests</c>).
/// </summary>
public interface IAttemptStore
{
    /// <summary>Creates a session; fails when the id exists.</summary>
    /// <param name="session">The new session, in state Created.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when created; <see langword="false"/> when a session with that id exists.</returns>
    ValueTask<bool> TryCreateSessionAsync(ChallengeSession session, CancellationToken cancellationToken);

    /// <summary>Reads a session (strongly consistent).</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session, or <see langword="null"/> when there is none.</returns>
    ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends a frame's metadata, atomically assigning the next sequence number and moving the session to Collecting,
    /// on condition that the session exists, is not final, is not decided, holds fewer than
    /// <paramref name="maxFrames"/> frames and no frame with the same <see cref="FrameRecord.ContentHash"/>.
    /// </summary>
    /// <param name="frame">The frame; its <see cref="FrameRecord.Sequence"/> is ignored and assigned by the store.</param>
    /// <param name="maxFrames">The frame limit of the session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was appended, with its sequence.</returns>
    ValueTask<FrameAppendResult> TryAppendFrameAsync(FrameRecord frame, int maxFrames, CancellationToken cancellationToken);

    /// <summary>Stores a frame's analysis. Writing the same frame's analysis twice keeps the first.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="sequence">The frame's sequence.</param>
    /// <param name="analysis">The analysis.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SaveAnalysisAsync(string sessionId, int sequence, StoredAnalysis analysis, CancellationToken cancellationToken);

    /// <summary>Reads a session's frames with their analyses, ordered by sequence (strongly consistent).</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frames; empty when there are none.</returns>
    ValueTask<IReadOnlyList<FrameRecord>> GetFramesAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Sets the "decided, stop analysing" flag, on condition that the session is Collecting and not decided yet.</summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="sequence">The frame that decided the challenge.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when this call set it; <see langword="false"/> when it was set already or the session is final.</returns>
    ValueTask<bool> TryMarkDecidedAsync(string sessionId, int sequence, CancellationToken cancellationToken);

    /// <summary>
    /// Completes a session exactly once: writes <paramref name="outcome"/> on condition that the session is not final.
    /// Whether this call won or another completion came first, returns the session as stored afterwards.
    /// </summary>
    /// <param name="sessionId">The session id.</param>
    /// <param name="outcome">The outcome to write.</param>
    /// <param name="completedAt">The server time of completion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored final session, or <see langword="null"/> when there is no such session.</returns>
    ValueTask<ChallengeSession?> CompleteSessionAsync(string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one attempt for <paramref name="key"/> (a user, device or address key) in the fixed window of length
    /// <paramref name="window"/> that contains <paramref name="now"/>, on condition that fewer than
    /// <paramref name="limit"/> were counted in it.
    /// </summary>
    /// <param name="key">What is limited, e.g. <c>user:alice</c>.</param>
    /// <param name="now">The server's current time.</param>
    /// <param name="window">The window length.</param>
    /// <param name="limit">The most attempts allowed in one window.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the attempt is allowed, and when the window ends.</returns>
    ValueTask<AttemptCount> TryCountAttemptAsync(string key, DateTimeOffset now, TimeSpan window, int limit, CancellationToken cancellationToken);

    /// <summary>Redeems a single-use token id once.</summary>
    /// <param name="tokenId">The token's unique id (<c>jti</c>).</param>
    /// <param name="retainUntil">When the record may be deleted (the token's expiry).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> the first time; <see langword="false"/> on every later call.</returns>
    ValueTask<bool> TryRedeemTokenAsync(string tokenId, DateTimeOffset retainUntil, CancellationToken cancellationToken);

    /// <summary>Lists the ids of a user's sessions that the store still holds.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session ids.</returns>
    ValueTask<IReadOnlyList<string>> GetSessionIdsForUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes every record of a user's data: sessions, frame metadata and analyses, and the user's markers
    /// (<see cref="SetUserMarkerAsync"/>). Attempt counters and the user lock are kept: they are limits, not the user's
    /// data, and expire with their window; deleting them would let a user reset their own lockout.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    ValueTask DeleteUserDataAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes a user's exclusive lock (enrolment and deletion of one user's reference run one at a time, whichever
    /// instance serves them), on condition that no live lock exists or the live lock is held under
    /// <paramref name="lockId"/> (then its expiry is extended: a holder can check it still holds the lock). A lock past
    /// <paramref name="expiresAt"/> counts as free, so a crashed holder blocks nobody for longer than that.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <param name="lockId">A random id of this holder.</param>
    /// <param name="expiresAt">When the lock frees itself.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when this holder has the lock; <see langword="false"/> when another holder has it.</returns>
    ValueTask<bool> TryAcquireUserLockAsync(string userId, string lockId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Releases a user's lock on condition that it is held under <paramref name="lockId"/>; otherwise does nothing.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="lockId">The holder's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when released.</returns>
    ValueTask ReleaseUserLockAsync(string userId, string lockId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets (or renews) a named marker of a user until <paramref name="expiresAt"/>, e.g. "a face login with the current
    /// reference succeeded", which a later step consumes once.
    /// </summary>
    /// <param name="userId">The user id.</param>
    /// <param name="name">The marker's name.</param>
    /// <param name="expiresAt">When the marker lapses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetUserMarkerAsync(string userId, string name, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>Consumes a user's marker: removes it on condition that it exists and has not lapsed.</summary>
    /// <param name="userId">The user id.</param>
    /// <param name="name">The marker's name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> for exactly one caller per setting of a live marker; otherwise <see langword="false"/>.</returns>
    ValueTask<bool> TryConsumeUserMarkerAsync(string userId, string name, CancellationToken cancellationToken);
}
