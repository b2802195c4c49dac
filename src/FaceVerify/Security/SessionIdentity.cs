namespace FaceVerify;

/// <summary>
/// One person per session. The frames that proved liveness are the session's analysed single-face frames up to the
/// deciding frame; the <em>anchor</em> is the deciding frame (or, when the evaluator decided on a frame that is not a
/// single-face frame, the last single-face frame before it). At verify, every other liveness frame is compared with the
/// anchor (<see cref="IFaceComparer"/>, at <see cref="FaceVerificationOptions.SimilarityThreshold"/>); one frame that is
/// not the same person fails the session with <see cref="ChallengeReason.IdentityMismatch"/>. Whatever a later step
/// reads (the face-login probes, an audit image, a consistency reference) is chosen from these frames only, so it is
/// the person who proved liveness.
/// <para>
/// Cost: one comparer call per liveness frame but the anchor, made only for sessions whose challenge passed; works on
/// whatever frames were analysed, so a sparse analysis strategy makes it cheaper. Comparisons run at most
/// <see cref="MaxParallelComparisons"/> at a time and stop at the first mismatch.
/// </para>
/// </summary>
internal sealed class SessionIdentity
{
    /// <summary>How many comparisons run at once.</summary>
    internal const int MaxParallelComparisons = 4;

    private readonly IFrameStore _frames;
    private readonly IFaceComparer _comparer;
    private readonly double _threshold;

    public SessionIdentity(IFrameStore frames, IFaceComparer comparer, double threshold)
    {
        _frames = frames;
        _comparer = comparer;
        _threshold = threshold;
    }

    /// <summary>The analysed single-face frames up to and including <paramref name="decidedAt"/>, in receive order.</summary>
    /// <param name="frames">The session's frames.</param>
    /// <param name="decidedAt">The deciding frame's sequence, or <see langword="null"/> for all frames.</param>
    /// <returns>The liveness frames.</returns>
    public static IReadOnlyList<FrameRecord> LivenessFrames(IReadOnlyList<FrameRecord> frames, int? decidedAt)
        => frames
            .Where(f => (decidedAt is not { } last || f.Sequence <= last) && f.Analysis is { Rejection: null, Faces.Count: 1 })
            .OrderBy(f => f.Sequence)
            .ToArray();

    /// <summary>The anchor: the deciding frame, else the last liveness frame before it.</summary>
    /// <param name="liveness">The liveness frames (from <see cref="LivenessFrames"/>).</param>
    /// <returns>The anchor, or <see langword="null"/> when there is no liveness frame.</returns>
    public static FrameRecord? Anchor(IReadOnlyList<FrameRecord> liveness) => liveness.Count == 0 ? null : liveness[^1];

    /// <summary>
    /// The liveness frame other than the anchor that a comparison reads best (most frontal and confident), used as the
    /// second face-login probe.
    /// </summary>
    /// <param name="liveness">The liveness frames.</param>
    /// <returns>The frame, or <see langword="null"/> when the anchor is the only liveness frame.</returns>
    public static FrameRecord? BestOther(IReadOnlyList<FrameRecord> liveness)
    {
        var anchor = Anchor(liveness);
        FrameRecord? best = null;
        var bestScore = double.NegativeInfinity;
        foreach (var frame in liveness)
        {
            if (ReferenceEquals(frame, anchor))
            {
                continue;
            }

            var face = frame.Analysis!.Faces[0];
            var score = face.Confidence - Math.Abs(face.Pose.Yaw) - Math.Abs(face.Pose.Pitch) - (0.5 * Math.Abs(face.Pose.Roll));
            if (score > bestScore)
            {
                bestScore = score;
                best = frame;
            }
        }

        return best;
    }

    /// <summary>Compares every liveness frame with the anchor.</summary>
    /// <param name="session">The session.</param>
    /// <param name="frames">The session's frames.</param>
    /// <param name="decidedAt">The deciding frame.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>An <see cref="ChallengeReason.IdentityMismatch"/> outcome, or <see langword="null"/> when all frames show one person.</returns>
    public async ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> frames, int decidedAt, CancellationToken cancellationToken)
    {
        var liveness = LivenessFrames(frames, decidedAt);
        var anchor = Anchor(liveness);
        if (anchor is null || liveness.Count < 2)
        {
            return null;
        }

        var target = await LoadAsync(session, anchor, cancellationToken).ConfigureAwait(false);
        (FrameRecord Frame, FaceComparison Comparison)? mismatch = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var others = liveness.Where(f => !ReferenceEquals(f, anchor)).ToArray();
        try
        {
            await Parallel.ForEachAsync(others, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelComparisons, CancellationToken = stop.Token }, async (frame, ct) =>
            {
                var source = await LoadAsync(session, frame, ct).ConfigureAwait(false);
                var comparison = await _comparer.CompareAsync(source, target, ct).ConfigureAwait(false);
                if (!comparison.IsMatch(_threshold))
                {
                    lock (others)
                    {
                        if (mismatch is null || frame.Sequence < mismatch.Value.Frame.Sequence)
                        {
                            mismatch = (frame, comparison);
                        }
                    }

                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (mismatch is not null && !cancellationToken.IsCancellationRequested)
        {
            // Stopped at the first mismatch.
        }

        if (mismatch is not { } found)
        {
            return null;
        }

        var detail = found.Comparison.SourceFaceFound && found.Comparison.TargetFaceFound && found.Comparison.Rejection is null
            ? $"The face at frame {found.Frame.Sequence} does not match the face at the deciding frame {anchor.Sequence} (similarity {found.Comparison.Similarity:0.#})."
            : $"The face at frame {found.Frame.Sequence} could not be compared with the face at the deciding frame {anchor.Sequence}.";
        return new SessionOutcome(SessionStatus.Failed, ChallengeReason.IdentityMismatch, decidedAt, detail);
    }

    private async ValueTask<FaceImage> LoadAsync(ChallengeSession session, FrameRecord frame, CancellationToken cancellationToken)
    {
        var bytes = await _frames.GetAsync(frame.StorageKey, cancellationToken).ConfigureAwait(false)
            ?? throw new FaceVerificationException($"Frame {frame.Sequence} of session {session.Id} is missing from the frame store.");
        return new FaceImage(bytes, frame.Format, session.FrameWidth, session.FrameHeight);
    }
}
