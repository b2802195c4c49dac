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
    /// next when undecided, the last analysed frame it saw, and the first change point (a frame that moved the challenge
    /// to another state, or decided it) that unanalysed frames before it could move (<see cref="AnalysedDecision.ConfirmAfter"/>).
    /// </summary>
    public static AnalysedDecision EvaluateAnalysed(IChallenge challenge, ChallengeSession session, IEnumerable<FrameRecord> frames)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(session.Parameters, session.FrameWidth, session.FrameHeight, session.CreatedAt));
        var source = evaluator as IFrameDemandSource;
        var states = evaluator as IChallengeStateDescriber;
        int? last = null;
        var analysed = 0;
        var findFirst = false;
        var skipped = false;
        int? lastSeen = null;
        int? confirmAfter = null;
        int? confirmAt = null;
        var previousDemand = FrameDemand.EveryFrame;
        foreach (var frame in frames)
        {
            if (frame.Analysis is not { } analysis)
            {
                skipped |= lastSeen is not null;
                continue;
            }

            analysed++;
            var previous = last;
            last = frame.Sequence;
            var stateBefore = states?.CurrentStateName;
            var verdict = Judge(evaluator, frame.Sequence, frame.ReceivedAt, analysis);
            if (findFirst && skipped && confirmAt is null && (verdict.IsDecided || !string.Equals(stateBefore, states?.CurrentStateName, StringComparison.Ordinal)))
            {
                // A change point after unanalysed frames, where the challenge asked for the first one: every-frame analysis
                // may have changed state (or decided) at one of those frames, so they must all be analysed (confirmed)
                // before this change counts, back to the last analysed frame that showed where the face was.
                confirmAfter = lastSeen;
                confirmAt = frame.Sequence;
            }

            if (analysis.Rejection is null && analysis.Faces.Count == 1)
            {
                // Evidence of where the one face was (a frame without a face, or with several, says nothing about where
                // the nose went: the frames skipped before it stay unconfirmed).
                skipped = false;
                lastSeen = frame.Sequence;
            }
            if (verdict.IsDecided)
            {
                var search = findFirst || previousDemand.BackfillFrames > 0;
                return new AnalysedDecision(verdict, frame.Sequence, last, analysed, FrameDemand.EveryFrame, search ? previous : null, previousDemand, confirmAfter, confirmAt);
            }

            // What the challenge said before the next analysed frame: whether a change there must be the first one, and
            // whether it still lacked earlier frames (a backfill the decision came before).
            previousDemand = source?.GetFrameDemand() ?? FrameDemand.EveryFrame;
            findFirst = previousDemand.FindsFirstDecidingFrame;
        }

        var demand = analysed > 0 && source is not null ? source.GetFrameDemand() : FrameDemand.EveryFrame;
        return new AnalysedDecision(ChallengeVerdict.Continue, null, last, analysed, demand, null, previousDemand, confirmAfter, confirmAt, lastSeen);
    }

    /// <summary>
    /// The frames to analyse next so that the decision is the one every-frame analysis makes
    /// (<see cref="FrameDemand.FindsFirstDecidingFrame"/>): when the decision came before earlier frames the challenge
    /// asked for (a backfill), those; else, when a change point (a state change or the decision) follows unanalysed
    /// frames (<see cref="AnalysedDecision.ConfirmAfter"/>: back to the last analysed frame that showed the one face; a
    /// frame without a face is no evidence of where the nose was), the frame just before the change, then bisection
    /// of what is left; none when every change point is preceded by an analysed frame that showed the face. Frames in <paramref name="exclude"/> (running, or whose
    /// analysis failed) are not proposed; while one of them lies in the gap nothing is proposed.
    /// </summary>
    public static IReadOnlyList<FrameRecord> FirstDecidingFrameCandidates(IReadOnlyList<FrameRecord> frames, AnalysedDecision decision, IReadOnlySet<int>? exclude = null, bool oneAtATime = false)
    {
        if (decision.SearchAfter is { } after && decision.DecidedAt is not null && decision.PreviousDemand.BackfillFrames > 0)
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

        if (decision.ConfirmAfter is not { } confirmAfter || decision.ConfirmAt is not { } confirmAt)
        {
            return [];
        }

        var gap = new List<FrameRecord>();
        foreach (var frame in frames)
        {
            if (frame.Sequence <= confirmAfter || frame.Sequence >= confirmAt || frame.Analysis is not null)
            {
                continue;
            }

            if (exclude is not null && exclude.Contains(frame.Sequence))
            {
                return [];
            }

            gap.Add(frame);
        }

        // The frame just before the change first (it usually settles the question: showing the face without the change, it
        // becomes the last frame that showed the face before it); when a later frame is analysed already (the frame before
        // an earlier change point changed too, or the search moved the change point back) or it shows no face, the middle
        // of what is left (bisection: a frame that shows the face without the change moves the start of the gap, one that
        // changes moves its end). Two or fewer: all at once, or (oneAtATime: nobody waits for them) the later one first,
        // which settles the search alone when it shows the face without the change.
        if (gap.Count <= 2)
        {
            return oneAtATime && gap.Count == 2 ? [gap[^1]] : gap;
        }

        var laterAnalysed = frames.Any(f => f.Sequence > confirmAt && f.Analysis is not null);
        return gap[^1].Sequence == confirmAt - 1 && !laterAnalysed ? [gap[^1]] : [gap[gap.Count / 2]];
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
/// <param name="ConfirmAfter">The analysed frame before the first change point (state change or decision) that follows unanalysed frames, where the challenge asked for the first change (<see cref="FrameDemand.FindsFirstDecidingFrame"/>).</param>
/// <param name="ConfirmAt">That change point: the unanalysed frames between <paramref name="ConfirmAfter"/> and it are analysed before it counts.</param>
/// <param name="LastSeen">When undecided: the last analysed frame that showed one face.</param>
internal readonly record struct AnalysedDecision(ChallengeVerdict Verdict, int? DecidedAt, int? LastAnalysed, int AnalysedFrames, FrameDemand Demand, int? SearchAfter, FrameDemand PreviousDemand, int? ConfirmAfter = null, int? ConfirmAt = null, int? LastSeen = null);
