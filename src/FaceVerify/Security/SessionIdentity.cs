using System.Collections.Concurrent;

namespace FaceVerify;

/// <summary>
/// One person per session. The frames that proved liveness are the session's analysed single-face frames up to the
/// deciding frame; the <em>anchor</em> is the deciding frame (or, when the evaluator decided on a frame that is not a
/// single-face frame, the last single-face frame before it). At verify the liveness frames are joined into one tree
/// rooted at the anchor, each frame to the frame already in the tree whose head pose (the stored analyses' yaw and
/// pitch) is nearest (<see cref="Plan"/>), and every edge is one comparison (<see cref="IFaceComparer"/>, at
/// <see cref="FaceVerificationOptions.IdentityConsistencyThreshold"/>); one edge that is not the same person fails the
/// session with <see cref="ChallengeReason.IdentityMismatch"/>. Because the tree spans every liveness frame, frames of
/// two people anywhere in the session put at least one comparison between the two people, at whatever pose; because each
/// comparison joins frames of nearby pose, a genuine head turn is never compared across its whole turn (a face engine
/// scores the same face lower the more the two poses differ: docs/liveness-evidence.md, "Identity binding of turned
/// faces"). Whatever a later step reads (the face-login probes, an audit image, a consistency reference) is chosen
/// from these frames only, so it is the person who proved liveness.
/// <para>
/// Cost: one comparer call per liveness frame but the anchor (a tree of n frames has n − 1 edges), made only for
/// sessions whose challenge passed, and one frame-store read per liveness frame; works on whatever frames were
/// analysed, so a sparse analysis strategy makes it cheaper. Comparisons run at most
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
    /// second face-login probe when the identity check is off.
    /// </summary>
    /// <param name="liveness">The liveness frames.</param>
    /// <returns>The frame, or <see langword="null"/> when the anchor is the only liveness frame.</returns>
    public static FrameRecord? BestOther(IReadOnlyList<FrameRecord> liveness)
    {
        var anchor = Anchor(liveness);
        return liveness.Where(f => !ReferenceEquals(f, anchor)).OrderByDescending(Frontality).ThenBy(f => f.Sequence).FirstOrDefault();
    }

    /// <summary>
    /// The liveness frames compared with a reference photo (face login, enrolment). When the identity check bound every
    /// liveness frame to the deciding frame (<paramref name="bound"/>), the two most frontal, most confident frames: a
    /// reference photo is frontal, and the face engine scores a frontal frame against it higher than the turned
    /// deciding frame (docs/liveness-evidence.md). Otherwise the deciding frame and the most frontal other frame, so that
    /// one probe is always the face that completed the challenge.
    /// </summary>
    /// <param name="liveness">The liveness frames (from <see cref="LivenessFrames"/>).</param>
    /// <param name="bound">Whether the identity check compared the liveness frames (it is on and a comparer is registered).</param>
    /// <returns>Up to two frames, the better first; empty when there is no liveness frame.</returns>
    public static IReadOnlyList<FrameRecord> ReferenceProbes(IReadOnlyList<FrameRecord> liveness, bool bound)
    {
        if (bound)
        {
            return [.. liveness.OrderByDescending(Frontality).ThenBy(f => f.Sequence).Take(2)];
        }

        return Anchor(liveness) is not { } anchor ? [] : BestOther(liveness) is { } other ? [anchor, other] : [anchor];
    }

    /// <summary>
    /// The comparisons of the identity check: a tree over <paramref name="liveness"/> rooted at
    /// <paramref name="anchor"/>, grown one frame at a time (Prim's algorithm): the frame whose head pose is nearest to a
    /// frame already in the tree joins it, compared with that frame. Pose distance: the Euclidean distance of the stored
    /// analyses' (yaw, pitch) of the frames' single faces; ties go to the lower sequence. A pure function of the stored
    /// analyses; n frames give n − 1 comparisons.
    /// </summary>
    /// <param name="liveness">The frames to bind (each with one face), the anchor among them.</param>
    /// <param name="anchor">The root: the deciding frame.</param>
    /// <returns>The pairs (source: the joining frame, target: the frame in the tree it is compared with), in joining order.</returns>
    public static IReadOnlyList<(FrameRecord Source, FrameRecord Target)> Plan(IReadOnlyList<FrameRecord> liveness, FrameRecord anchor)
    {
        var pending = liveness.Where(f => f.Sequence != anchor.Sequence).OrderBy(f => f.Sequence).ToList();
        var nearest = pending.Select(f => (Target: anchor, Distance: PoseDistance(f, anchor))).ToList();
        var plan = new List<(FrameRecord Source, FrameRecord Target)>(pending.Count);
        while (pending.Count > 0)
        {
            var next = 0;
            for (var i = 1; i < pending.Count; i++)
            {
                if (nearest[i].Distance < nearest[next].Distance)
                {
                    next = i;
                }
            }

            var joined = pending[next];
            plan.Add((joined, nearest[next].Target));
            pending.RemoveAt(next);
            nearest.RemoveAt(next);
            for (var i = 0; i < pending.Count; i++)
            {
                var distance = PoseDistance(pending[i], joined);
                if (distance < nearest[i].Distance)
                {
                    nearest[i] = (joined, distance);
                }
            }
        }

        return plan;
    }

    /// <summary>Compares the liveness frames along <see cref="Plan"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="frames">The session's frames.</param>
    /// <param name="decidedAt">The deciding frame.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>An <see cref="ChallengeReason.IdentityMismatch"/> outcome, or <see langword="null"/> when all frames show one person.</returns>
    public ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> frames, int decidedAt, CancellationToken cancellationToken)
        => CheckAsync(session, frames, decidedAt, decidedAt, cancellationToken);

    /// <summary>
    /// Binds every analysed single-face frame up to <paramref name="coverUpTo"/> (the liveness frames, and with the
    /// sparse strategy also the few frames analysed after the decision) to the anchor along <see cref="Plan"/>.
    /// </summary>
    /// <param name="session">The session.</param>
    /// <param name="frames">The session's frames.</param>
    /// <param name="decidedAt">The deciding frame (chooses the anchor).</param>
    /// <param name="coverUpTo">The last frame compared (at least <paramref name="decidedAt"/>).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>An <see cref="ChallengeReason.IdentityMismatch"/> outcome, or <see langword="null"/> when all frames show one person.</returns>
    public async ValueTask<SessionOutcome?> CheckAsync(ChallengeSession session, IReadOnlyList<FrameRecord> frames, int decidedAt, int coverUpTo, CancellationToken cancellationToken)
    {
        var anchor = Anchor(LivenessFrames(frames, decidedAt));
        var liveness = LivenessFrames(frames, Math.Max(decidedAt, coverUpTo));
        if (anchor is null || liveness.Count < 2)
        {
            return null;
        }

        var plan = Plan(liveness, anchor);
        var images = new ConcurrentDictionary<int, Lazy<Task<FaceImage>>>();
        Task<FaceImage> Image(FrameRecord frame, CancellationToken ct)
            => images.GetOrAdd(frame.Sequence, _ => new Lazy<Task<FaceImage>>(() => LoadAsync(session, frame, ct).AsTask())).Value;

        (FrameRecord Source, FrameRecord Target, FaceComparison Comparison)? mismatch = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = MaxParallelComparisons, CancellationToken = stop.Token }, async (edge, ct) =>
            {
                var source = await Image(edge.Source, stop.Token).WaitAsync(ct).ConfigureAwait(false);
                var target = await Image(edge.Target, stop.Token).WaitAsync(ct).ConfigureAwait(false);
                var comparison = await _comparer.CompareAsync(source, target, ct).ConfigureAwait(false);
                if (!comparison.IsMatch(_threshold))
                {
                    lock (plan)
                    {
                        if (mismatch is null || edge.Source.Sequence < mismatch.Value.Source.Sequence)
                        {
                            mismatch = (edge.Source, edge.Target, comparison);
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

        var compared = found.Target.Sequence == anchor.Sequence ? $"the deciding frame {anchor.Sequence}" : $"frame {found.Target.Sequence} (the nearest head pose on its path to the deciding frame {anchor.Sequence})";
        var detail = found.Comparison.SourceFaceFound && found.Comparison.TargetFaceFound && found.Comparison.Rejection is null
            ? $"The face at frame {found.Source.Sequence} does not match the face at {compared} (similarity {found.Comparison.Similarity:0.#})."
            : $"The face at frame {found.Source.Sequence} could not be compared with the face at {compared}.";
        return new SessionOutcome(SessionStatus.Failed, ChallengeReason.IdentityMismatch, decidedAt, detail);
    }

    /// <summary>How well a frame's single face reads for a comparison: confident and frontal.</summary>
    private static double Frontality(FrameRecord frame)
    {
        var face = frame.Analysis!.Faces[0];
        return face.Confidence - Math.Abs(face.Pose.Yaw) - Math.Abs(face.Pose.Pitch) - (0.5 * Math.Abs(face.Pose.Roll));
    }

    private static double PoseDistance(FrameRecord a, FrameRecord b)
    {
        var p = a.Analysis!.Faces[0].Pose;
        var q = b.Analysis!.Faces[0].Pose;
        return Math.Sqrt(((p.Yaw - q.Yaw) * (p.Yaw - q.Yaw)) + ((p.Pitch - q.Pitch) * (p.Pitch - q.Pitch)));
    }

    private async ValueTask<FaceImage> LoadAsync(ChallengeSession session, FrameRecord frame, CancellationToken cancellationToken)
    {
        return await _frames.LoadImageAsync(session, frame, cancellationToken).ConfigureAwait(false);
    }
}
