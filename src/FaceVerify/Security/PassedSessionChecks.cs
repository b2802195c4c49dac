using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// Checks run at verify after the active challenge passed, before the session is completed as passed:
/// identity consistency (when a face comparer is configured, every analysed single-face frame up to the decision must be
/// the same person as the deciding frame, bound to it through frames of nearby pose, see <see cref="SessionIdentity"/>, so neither a second person nor one frame of
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
        ? new SessionIdentity(frames, comparer, options.Value.IdentityConsistencyThreshold)
        : null;

    /// <summary>Returns a failing outcome when a check fails, or <see langword="null"/> when the session may pass.</summary>
    public ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> allFrames, int decidedAt, CancellationToken cancellationToken)
        => CheckAsync(session, allFrames, decidedAt, decidedAt, cancellationToken);

    /// <summary>
    /// As <see cref="CheckAsync(ChallengeSession, IReadOnlyList{FrameRecord}, int, CancellationToken)"/>, with the identity
    /// check covering the analysed single-face frames up to <paramref name="identityUpTo"/> (at least the deciding frame):
    /// the sparse strategy compares every frame it analysed, so no analysed frame of the session shows someone else.
    /// </summary>
    public async ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> allFrames, int decidedAt, int identityUpTo, CancellationToken cancellationToken)
    {
        var decisive = allFrames.Where(f => f.Sequence <= decidedAt).ToArray();
        if (_identity is not null && await _identity.CheckAsync(session, allFrames, decidedAt, Math.Max(decidedAt, identityUpTo), cancellationToken).ConfigureAwait(false) is { } mismatch)
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
        return await frames.LoadImageAsync(session, frame, cancellationToken).ConfigureAwait(false);
    }
}
