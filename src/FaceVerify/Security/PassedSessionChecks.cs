using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// Checks run at verify after the active challenge passed, before the session is completed as passed:
/// identity consistency (when a face comparer is configured, every analysed single-face frame up to the decision must be
/// the same person as the deciding frame, see <see cref="SessionIdentity"/>, so neither a second person nor one frame of
/// someone else's photo gets into a passed session) and the presentation-attack detectors.
/// </summary>
internal sealed class PassedSessionChecks(
    IFrameStore frames,
    IEnumerable<IPresentationAttackDetector> detectors,
    IOptions<FaceVerificationOptions> options,
    IFaceComparer? comparer = null)
{
    private readonly IPresentationAttackDetector[] _detectors = detectors.ToArray();
    private readonly SessionIdentity? _identity = comparer is not null && options.Value.IdentityConsistencyCheck
        ? new SessionIdentity(frames, comparer, options.Value.SimilarityThreshold)
        : null;

    /// <summary>Returns a failing outcome when a check fails, or <see langword="null"/> when the session may pass.</summary>
    public async ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> allFrames, int decidedAt, CancellationToken cancellationToken)
    {
        var decisive = allFrames.Where(f => f.Sequence <= decidedAt).ToArray();
        if (_identity is not null && await _identity.CheckAsync(session, allFrames, decidedAt, cancellationToken).ConfigureAwait(false) is { } mismatch)
        {
            return mismatch;
        }

        foreach (var detector in _detectors)
        {
            var verdict = await detector.EvaluateAsync(new PresentationAttackArguments(session, decisive, (f, ct) => LoadAsync(session, f, ct)), cancellationToken).ConfigureAwait(false);
            if (verdict.IsAttack)
            {
                return new SessionOutcome(SessionStatus.Failed, ChallengeReason.SpoofSuspected, decidedAt, verdict.Detail ?? $"{detector.GetType().Name} suspects a presentation attack.");
            }
        }

        return null;
    }

    private async ValueTask<FaceImage> LoadAsync(ChallengeSession session, FrameRecord frame, CancellationToken cancellationToken)
    {
        var bytes = await frames.GetAsync(frame.StorageKey, cancellationToken).ConfigureAwait(false)
            ?? throw new FaceVerificationException($"Frame {frame.Sequence} of session {session.Id} is missing from the frame store.");
        return new FaceImage(bytes, frame.Format, session.FrameWidth, session.FrameHeight);
    }
}
