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
        int? last = null;
        var analysed = 0;
        foreach (var frame in frames)
        {
            if (frame.Analysis is not { } analysis)
            {
                continue;
            }

            analysed++;
            last = frame.Sequence;
            var verdict = Judge(evaluator, frame.Sequence, frame.ReceivedAt, analysis);
            if (verdict.IsDecided)
            {
                return new AnalysedDecision(verdict, frame.Sequence, last, analysed, FrameDemand.EveryFrame);
            }
        }

        var demand = analysed > 0 && evaluator is IFrameDemandSource source ? source.GetFrameDemand() : FrameDemand.EveryFrame;
        return new AnalysedDecision(ChallengeVerdict.Continue, null, last, analysed, demand);
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
internal readonly record struct AnalysedDecision(ChallengeVerdict Verdict, int? DecidedAt, int? LastAnalysed, int AnalysedFrames, FrameDemand Demand);
