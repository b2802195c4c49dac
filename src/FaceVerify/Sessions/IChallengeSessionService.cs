namespace FaceVerify;

/// <summary>
/// The flow of one liveness verification: start a session, submit frames (each analysed at once in the background),
/// verify (exactly once), and let a relying party redeem the result. Every method returns expected failures as values
/// and throws <see cref="FaceVerificationException"/> only for infrastructure faults after retries.
/// </summary>
public interface IChallengeSessionService
{
    /// <summary>Starts a session: checks attempt limits, chooses the challenge, creates its parameters from the real frame size.</summary>
    /// <param name="request">Who and what.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session and its token, or why none was started.</returns>
    ValueTask<StartChallengeResult> StartAsync(StartChallengeRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the caller's access (<see cref="SessionAccess"/>: a valid session token, a signed-in caller's own), validates
    /// and stores one frame and queues it for analysis.
    /// </summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="access">The session token from <see cref="StartAsync"/> and, when known, the signed-in caller.</param>
    /// <param name="frame">The encoded JPEG or PNG frame.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The frame's sequence, or why it was refused.</returns>
    ValueTask<FrameSubmissionResult> SubmitFrameAsync(string sessionId, SessionAccess access, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    /// <summary>
    /// Completes the session exactly once: waits for frames still in flight, decides, stores the outcome and returns it
    /// with a result token. A repeated or concurrent verify returns the stored outcome and analyses nothing.
    /// </summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="access">The session token and, when known, the signed-in caller; checked as for <see cref="SubmitFrameAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, or why the caller may not verify this session.</returns>
    ValueTask<VerificationResult> VerifyAsync(string sessionId, SessionAccess access, CancellationToken cancellationToken);

    /// <summary>Validates a result token and redeems it: the first redemption of a session's result succeeds, every later one fails with <see cref="TokenValidationReason.AlreadyRedeemed"/>.</summary>
    /// <param name="resultToken">The result token.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The token's claims, or why it was refused.</returns>
    ValueTask<ResultTokenValidation> RedeemResultAsync(string? resultToken, CancellationToken cancellationToken);

    /// <summary>Reads a session (for relying parties that hold a session id server-side, such as a Cognito trigger).</summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The session, or <see langword="null"/>.</returns>
    ValueTask<ChallengeSession?> GetSessionAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>
    /// The session's per-frame decision trace (state, verdict, reason), recomputed from the stored analyses: the audit of
    /// what decided the outcome. Holds no image data or landmarks.
    /// </summary>
    /// <param name="sessionId">The session.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per analysed frame up to the decision; empty when the session is unknown.</returns>
    ValueTask<IReadOnlyList<DecisionTraceEntry>> GetDecisionTraceAsync(string sessionId, CancellationToken cancellationToken);
}
