using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>The default <see cref="IFaceLoginService"/>.</summary>
internal sealed class FaceLoginService(
    IAttemptStore attempts,
    IFrameStore frames,
    IFaceCollection collection,
    IFaceVerificationTokens tokens,
    IOptions<FaceVerificationOptions> options,
    TimeProvider time) : IFaceLoginService
{
    private readonly FaceVerificationOptions _options = options.Value;

    public async ValueTask<FaceLoginResult> LoginAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var session = await attempts.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);

        // Another user's session and a missing one look the same: no enumeration of sessions.
        if (session is null || !string.Equals(session.UserId, userId, StringComparison.Ordinal))
        {
            return new FaceLoginResult(OutcomeReason.SessionNotFound);
        }

        if (session.Status != SessionStatus.Passed)
        {
            return new FaceLoginResult(OutcomeReason.SessionNotPassed);
        }

        if (time.GetUtcNow() > session.CompletedAt + _options.LoginWindow)
        {
            return new FaceLoginResult(OutcomeReason.SessionAlreadyUsed);
        }

        // Used once, whatever the comparison says: a failed comparison cannot be retried with the same liveness proof.
        if (!await attempts.TryRedeemTokenAsync("result:" + session.Id, session.RetainUntil, cancellationToken).ConfigureAwait(false))
        {
            return new FaceLoginResult(OutcomeReason.SessionAlreadyUsed);
        }

        var best = BestFrame(await attempts.GetFramesAsync(session.Id, cancellationToken).ConfigureAwait(false), session.DecidedAtFrame);
        if (best is null)
        {
            return new FaceLoginResult(OutcomeReason.FaceNotFound);
        }

        var bytes = await frames.GetAsync(best.StorageKey, cancellationToken).ConfigureAwait(false)
            ?? throw new FaceVerificationException($"Frame {best.Sequence} of session {session.Id} is missing from the frame store.");
        var match = await collection.MatchUserAsync(userId, new FaceImage(bytes, best.Format, session.FrameWidth, session.FrameHeight), _options.SimilarityThreshold, cancellationToken).ConfigureAwait(false);
        if (!match.UserEnrolled)
        {
            return new FaceLoginResult(OutcomeReason.NotEnrolled);
        }

        if (!match.ProbeFaceFound)
        {
            return new FaceLoginResult(OutcomeReason.FaceNotFound);
        }

        if (match.Similarity < _options.SimilarityThreshold)
        {
            // A collection search reports no score below its match threshold: say "no score", not "0 % similar".
            return new FaceLoginResult(OutcomeReason.FaceMismatch, match.Similarity > 0 ? match.Similarity : null);
        }

        return new FaceLoginResult(OutcomeReason.Passed, match.Similarity, tokens.IssueResultToken(session));
    }

    /// <summary>
    /// The most frontal, confident single-face frame up to the deciding one: the frame a comparison reads best.
    /// Frames after the decision are never analysed, and frames with zero or several faces are skipped.
    /// </summary>
    internal static FrameRecord? BestFrame(IReadOnlyList<FrameRecord> frames, int? decidedAt)
    {
        FrameRecord? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var frame in frames)
        {
            if ((decidedAt is { } last && frame.Sequence > last) || frame.Analysis is not { Rejection: null, Faces.Count: 1 } analysis)
            {
                continue;
            }

            var face = analysis.Faces[0];
            var score = face.Confidence - Math.Abs(face.Pose.Yaw) - Math.Abs(face.Pose.Pitch) - (0.5 * Math.Abs(face.Pose.Roll));
            if (score > bestScore)
            {
                bestScore = score;
                best = frame;
            }
        }

        return best;
    }
}
