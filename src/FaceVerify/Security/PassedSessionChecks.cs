using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// Checks run at verify after the active challenge passed, before the session is completed as passed:
/// identity consistency (when a face comparer is configured, the face at the start and the face at the decision must be
/// the same person, so a second person cannot finish someone else's challenge) and the presentation-attack detectors.
/// </summary>
internal sealed class PassedSessionChecks(
    IFrameStore frames,
    IEnumerable<IPresentationAttackDetector> detectors,
    IOptions<FaceVerificationOptions> options,
    IFaceComparer? comparer = null)
{
    private readonly IPresentationAttackDetector[] _detectors = detectors.ToArray();
    private readonly FaceVerificationOptions _options = options.Value;

    /// <summary>Returns a failing outcome when a check fails, or <see langword="null"/> when the session may pass.</summary>
    public async ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> allFrames, int decidedAt, CancellationToken cancellationToken)
    {
        var decisive = allFrames.Where(f => f.Sequence <= decidedAt).ToArray();
        if (comparer is not null && _options.IdentityConsistencyCheck)
        {
            var first = decisive.FirstOrDefault(f => f.Analysis is { Rejection: null, Faces.Count: 1 });
            var last = decisive.LastOrDefault(f => f.Analysis is { Rejection: null, Faces.Count: 1 });
            if (first is not null && last is not null && first.Sequence != last.Sequence)
            {
                var source = await LoadAsync(session, first, cancellationToken).ConfigureAwait(false);
                var target = await LoadAsync(session, last, cancellationToken).ConfigureAwait(false);
                var comparison = await comparer.CompareAsync(source, target, cancellationToken).ConfigureAwait(false);
                if (!comparison.IsMatch(_options.SimilarityThreshold))
                {
                    return new SessionOutcome(SessionStatus.Failed, OutcomeReason.IdentityMismatch, decidedAt,
                        $"The face at frame {last.Sequence} does not match the face at frame {first.Sequence} (similarity {comparison.Similarity:0.#}).");
                }
            }
        }

        foreach (var detector in _detectors)
        {
            var verdict = await detector.EvaluateAsync(new PresentationAttackArguments(session, decisive, (f, ct) => LoadAsync(session, f, ct)), cancellationToken).ConfigureAwait(false);
            if (verdict.IsAttack)
            {
                return new SessionOutcome(SessionStatus.Failed, OutcomeReason.SpoofSuspected, decidedAt, verdict.Detail ?? $"{detector.GetType().Name} suspects a presentation attack.");
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
