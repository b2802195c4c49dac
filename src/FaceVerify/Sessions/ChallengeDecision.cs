namespace FaceVerify;

/// <summary>
/// The challenge decision as a pure function of a session's stored frames: a fresh evaluator is fed the analysed
/// frames in sequence order until it decides, the frames run out, or a frame without analysis is reached. Whichever
/// instance runs it over the same stored analyses gets the same answer.
/// </summary>
internal readonly record struct ChallengeDecision(ChallengeVerdict Verdict, int? DecidedAt, int? FirstUnanalysed)
{
    public static ChallengeDecision Evaluate(IChallenge challenge, ChallengeSession session, IReadOnlyList<FrameRecord> frames)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(session.Parameters, session.FrameWidth, session.FrameHeight, session.CreatedAt));
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            if (frame.Analysis is not { } analysis)
            {
                return new ChallengeDecision(ChallengeVerdict.Continue, null, frame.Sequence);
            }

            var verdict = Judge(evaluator, frame.Sequence, frame.ReceivedAt, analysis);
            if (verdict.IsDecided)
            {
                return new ChallengeDecision(verdict, frame.Sequence, null);
            }
        }

        return new ChallengeDecision(ChallengeVerdict.Continue, null, null);
    }

    /// <summary>
    /// The decision of the <see cref="FrameAnalysisStrategy.Sparse"/> strategy: a fresh evaluator fed every analysed frame
    /// in sequence order, skipping frames without an analysis, until it decides. Also returns what the challenge needs
    /// next when undecided, and the last analysed frame it saw.
    /// </summary>
    public static AnalysedDecision EvaluateAnalysed(IChallenge challenge, ChallengeSession session, IEnumerable<FrameRecord> frames)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(session.Parameters, session.FrameWidth, session.FrameHeight, session.CreatedAt));
        var source = evaluator as IFrameDemandSource;
        int? last = null;
        var analysed = 0;
        var findFirst = false;
        var previousDemand = FrameDemand.EveryFrame;
        foreach (var frame in frames)
        {
            if (frame.Analysis is not { } analysis)
            {
                continue;
            }

            analysed++;
            var previous = last;
            last = frame.Sequence;
            var verdict = Judge(evaluator, frame.Sequence, frame.ReceivedAt, analysis);
            if (verdict.IsDecided)
            {
                var search = findFirst || previousDemand.BackfillFrames > 0;
                return new AnalysedDecision(verdict, frame.Sequence, last, analysed, FrameDemand.EveryFrame, search ? previous : null, previousDemand);
            }

            // What the challenge said before the next analysed frame: whether a decision there must be the first one, and
            // whether it still lacked earlier frames (a backfill the decision came before).
            previousDemand = source?.GetFrameDemand() ?? FrameDemand.EveryFrame;
            findFirst = previousDemand.FindsFirstDecidingFrame;
        }

        var demand = analysed > 0 && source is not null ? source.GetFrameDemand() : FrameDemand.EveryFrame;
        return new AnalysedDecision(ChallengeVerdict.Continue, null, last, analysed, demand, null, previousDemand);
    }

    /// <summary>
    /// The frames to analyse next to find the first deciding frame (<see cref="FrameDemand.FindsFirstDecidingFrame"/>):
    /// none when the decision needs no search, or the frame just before the deciding one is analysed (it did not decide:
    /// the nose enters the target once, so the deciding frame is the first); else that frame, and once the frame after
    /// the deciding one is analysed too (the search already moved back), the middle of the gap (bisection).
    /// Frames in <paramref name="exclude"/> (running, or whose analysis failed) are not proposed; while one of them lies
    /// in the gap nothing is proposed.
    /// </summary>
    public static IReadOnlyList<FrameRecord> FirstDecidingFrameCandidates(IReadOnlyList<FrameRecord> frames, AnalysedDecision decision, IReadOnlySet<int>? exclude = null)
    {
        if (decision.SearchAfter is not { } after || decision.DecidedAt is not { } decidedAt)
        {
            return [];
        }

        if (decision.PreviousDemand.BackfillFrames > 0)
        {
            // The decision came before the earlier frames the challenge asked for (for the nose: trajectory points before
            // an in-target frame that could not decide yet): those first.
            var wanted = decision.PreviousDemand;
            var earlier = new List<FrameRecord>();
            foreach (var frame in frames)
            {
                if (frame.Sequence >= after || frame.Analysis is not null || (wanted.BackfillAfter is { } from && frame.ReceivedAt <= from))
                {
                    continue;
                }

                if (exclude is not null && exclude.Contains(frame.Sequence))
                {
                    return [];
                }

                earlier.Add(frame);
            }

            var count = Math.Min(wanted.BackfillFrames, earlier.Count);
            if (count > 0)
            {
                var chosen = new FrameRecord[count];
                for (var i = 1; i <= count; i++)
                {
                    chosen[i - 1] = earlier[(((2 * i) - 1) * earlier.Count) / (2 * count)];
                }

                return chosen;
            }
        }

        var gap = new List<FrameRecord>();
        var nextAnalysed = false;
        foreach (var frame in frames)
        {
            if (frame.Sequence == decidedAt + 1)
            {
                nextAnalysed = frame.Analysis is not null;
            }

            if (frame.Sequence <= after || frame.Sequence >= decidedAt || frame.Analysis is not null)
            {
                continue;
            }

            if (exclude is not null && exclude.Contains(frame.Sequence))
            {
                return [];
            }

            gap.Add(frame);
        }

        if (gap.Count == 0 || gap[^1].Sequence != decidedAt - 1)
        {
            // The frame just before the deciding one was analysed and did not decide: the deciding frame is the first.
            return [];
        }

        // First the frame just before the deciding one (when the decision came by surprise it is usually the first);
        // once the frame after the deciding one is known to decide as well, bisection.
        return !nextAnalysed || gap.Count == 1 ? [gap[^1]] : gap.Count == 2 ? gap : [gap[gap.Count / 2]];
    }

    /// <summary>
    /// The per-frame decision trace: the same evaluation as <see cref="Evaluate"/>, recording each analysed frame's state
    /// and verdict up to the decision. Recomputed from the stored analyses, so it is the audit of exactly what decided.
    /// </summary>
    public static IReadOnlyList<DecisionTraceEntry> Trace(IChallenge challenge, ChallengeSession session, IReadOnlyList<FrameRecord> frames)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(session.Parameters, session.FrameWidth, session.FrameHeight, session.CreatedAt));
        var trace = new List<DecisionTraceEntry>(frames.Count);
        foreach (var frame in frames)
        {
            if (frame.Analysis is not { } analysis)
            {
                // Not analysed (the sparse strategy skipped it, or its analysis failed): the decision never saw it either.
                continue;
            }

            var verdict = Judge(evaluator, frame.Sequence, frame.ReceivedAt, analysis);
            var state = (evaluator as IChallengeStateDescriber)?.CurrentStateName; // the last state that handled the frame

            trace.Add(new DecisionTraceEntry(frame.Sequence, frame.ReceivedAt, state, analysis.Faces.Count, verdict.Kind, verdict.Reason, verdict.Detail));
            if (verdict.IsDecided)
            {
                break;
            }
        }

        return trace;
    }

    /// <summary>Feeds one analysed frame to an evaluator; a frame the analyzer rejected fails the challenge.</summary>
    public static ChallengeVerdict Judge(IChallengeEvaluator evaluator, int sequence, DateTimeOffset receivedAt, StoredAnalysis analysis)
        => analysis.Rejection is { } rejection
            ? ChallengeVerdict.Fail(ChallengeReason.FrameRejected, $"The analyzer rejected frame {sequence}: {rejection}.")
            : evaluator.Evaluate(new AnalyzedFrame(sequence, receivedAt, analysis.Faces));
}

/// <summary>The sparse strategy's decision over the analysed frames.</summary>
/// <param name="Verdict">The verdict (Continue when undecided).</param>
/// <param name="DecidedAt">The deciding frame's sequence, when decided.</param>
/// <param name="LastAnalysed">The last analysed frame the evaluator was fed.</param>
/// <param name="AnalysedFrames">How many analysed frames the evaluator was fed.</param>
/// <param name="Demand">When undecided: which next frames the challenge needs.</param>
/// <param name="SearchAfter">When decided and the challenge asked for the first deciding frame: the analysed frame before the deciding one (the unanalysed frames between the two may decide first).</param>
/// <param name="PreviousDemand">What the challenge demanded after the last analysed frame before the deciding one (or before the next frame, when undecided).</param>
internal readonly record struct AnalysedDecision(ChallengeVerdict Verdict, int? DecidedAt, int? LastAnalysed, int AnalysedFrames, FrameDemand Demand, int? SearchAfter, FrameDemand PreviousDemand);
