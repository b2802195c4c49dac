using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>
/// The <see cref="FrameAnalysisStrategy.Sparse"/> strategy for one session, as a synchronous state machine (the caller
/// serialises calls): told when a frame arrives and when an analysis finishes, it answers which frames to analyse now.
/// It never decides anything itself: the decision is <see cref="ChallengeDecision.EvaluateAnalysed"/> over the analysed
/// frames, recomputed after every analysis (a few microseconds for the handful of frames involved).
/// </summary>
/// <remarks>
/// Rules: the first frame is analysed; then the challenge's <see cref="FrameDemand"/> after the analysed frames says
/// what it needs — every frame, or one frame per (randomly shortened) interval and, from the predicted decision on,
/// every frame; earlier frames it lacks (<see cref="FrameDemand.BackfillFrames"/>) first. Outside the decision window at
/// most one demanded analysis per session runs at a time (the next one depends on its result); frames that arrive
/// meanwhile are held, and when it finishes all of them are analysed if the challenge now needs every frame, else at
/// most the newest. When a frame decides or changes the challenge's state and the challenge asked for the first one
/// (<see cref="FrameDemand.FindsFirstDecidingFrame"/>), the skipped frames before it are confirmed back to the last
/// analysed frame that showed the face — the frame before it, then the middle of the gap — before anything later
/// (<see cref="ChallengeDecision.FirstDecidingFrameCandidates"/>); only then is the decision settled. A challenge whose evaluator does not implement <see cref="IFrameDemandSource"/> has every frame
/// analysed on arrival.
/// Audit frames: when the challenge enters its predicted decision window, or at the latest when its pass settles,
/// <see cref="FaceVerificationOptions.AuditFrames"/> frames are drawn uniformly with the CSPRNG among the frames that
/// arrived before and were not analysed. Nothing is started once the session is decided, except the search for the
/// first deciding frame and those audit frames (which lie before the decision).
/// </remarks>
internal sealed class SessionAnalysisPlan
{
    /// <summary>
    /// How many times this process tries to analyse one frame (each try is a whole resilience pipeline run) before it
    /// leaves the frame to verify. A frame whose analysis failed is "not yet known", never evidence: the search and the
    /// backfill demand it again, and the decision does not settle while such a frame could still change it.
    /// </summary>
    internal const int MaxTriesPerFrame = 3;

    private readonly IChallenge _challenge;
    private readonly ChallengeSession _session;
    private readonly int _auditFrames;
    private readonly RandomNumberGenerator _random;
    private readonly List<FrameRecord> _frames = [];
    private readonly HashSet<int> _inFlight = [];
    private readonly HashSet<int> _audits = [];
    private readonly List<FrameRecord> _held = [];
    private readonly Dictionary<int, int> _failures = [];
    private readonly bool _demandAware;
    private DateTimeOffset _dueAt = DateTimeOffset.MinValue;
    private AnalysedDecision _decision;

    public SessionAnalysisPlan(IChallenge challenge, ChallengeSession session, int auditFrames, RandomNumberGenerator random)
    {
        _challenge = challenge;
        _session = session;
        _auditFrames = auditFrames;
        _random = random;
        _demandAware = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(session.Parameters, session.FrameWidth, session.FrameHeight, session.CreatedAt)) is IFrameDemandSource;
    }

    /// <summary>The decision over the frames analysed so far.</summary>
    public AnalysedDecision Decision => _decision;

    /// <summary>
    /// Whether the decision is settled: decided, and the search for the first deciding frame (when the challenge asked
    /// for it) is over. The session is marked decided (later frames refused) only then.
    /// </summary>
    public bool IsSettled { get; private set; }

    /// <summary>The deciding frame when the decision settled (the frame the session is marked decided at); audit frames can later move the decision before it.</summary>
    public int? SettledAt { get; private set; }

    /// <summary>Whether the audit frames have been chosen (they are chosen once per session).</summary>
    public bool AuditsChosen { get; private set; }

    /// <summary>
    /// Whether the audit frames were chosen and every one of them is analysed: an audit whose analysis failed does not
    /// count as done, so verify draws audit frames again.
    /// </summary>
    public bool AuditsDone => AuditsChosen && _audits.All(a => _frames.Find(f => f.Sequence == a)?.Analysis is not null);

    /// <summary>Every frame that arrived, in sequence order, with the analyses that finished.</summary>
    public IReadOnlyList<FrameRecord> Frames => _frames;

    /// <summary>The frames analysed or being analysed, in sequence order (for tests and simulations).</summary>
    public IEnumerable<int> Selected => _frames.Where(f => f.Analysis is not null || _inFlight.Contains(f.Sequence)).Select(f => f.Sequence);

    /// <summary>A frame was accepted. Returns whether to analyse it now.</summary>
    public bool Arrive(FrameRecord frame)
    {
        Insert(frame);
        if (_decision.Verdict.IsDecided)
        {
            return false;
        }

        var demand = _decision.Demand;
        if (!_demandAware || (_decision.AnalysedFrames == 0 && !AnyDemandedInFlight()) || (!demand.IsSampled && _decision.AnalysedFrames > 0))
        {
            // A challenge that says nothing, the first frame, or a challenge that needs every frame now.
            return Start(frame);
        }

        if (InWindow(frame, demand) && !AnyDemandedInFlight())
        {
            // Near the predicted decision: every frame. While an analysis runs, frames are held and all the held frames in
            // the window are analysed when it finishes (none is skipped), so that frames received after the deciding one
            // are not analysed only to be discarded (one per analyzer latency).
            return Start(frame);
        }

        if (AnyDemandedInFlight())
        {
            // The next choice depends on the running analysis: hold the frame until it finishes.
            _held.Add(frame);
            return false;
        }

        return IsDue(frame) && Start(frame);
    }

    /// <summary>
    /// An analysis finished (<paramref name="analysis"/> <see langword="null"/>: it failed; the frame stays unanalysed).
    /// Returns the frames to analyse now: the waiting newest frame when the challenge still needs it, and audit frames.
    /// </summary>
    public IReadOnlyList<FrameRecord> Complete(int sequence, StoredAnalysis? analysis)
    {
        _inFlight.Remove(sequence);
        var index = IndexOf(sequence);
        if (analysis is not null && index >= 0)
        {
            _frames[index] = _frames[index] with { Analysis = analysis };
        }
        else
        {
            _failures[sequence] = _failures.GetValueOrDefault(sequence) + 1;
        }

        _decision = ChallengeDecision.EvaluateAnalysed(_challenge, _session, _frames);
        var start = new List<FrameRecord>();
        if (FirstUnanalysedPrefix(_frames) is { } first)
        {
            // The first frame is not analysed (its analysis failed) but later ones are: the challenge saw its start late
            // (for the nose, the landmark reference). Not settled; analyse it before anything else.
            IsSettled = false;
            if (!Excluded().Contains(first.Sequence) && Start(first))
            {
                start.Add(first);
                RetryFailedAudit(sequence, start);
                return start;
            }
        }

        if (_decision.Verdict.IsDecided)
        {
            _held.Clear();
            if (!IsSettled)
            {
                // The first deciding frame: analyse the unanalysed frames between the last analysed frame before the
                // decision and the deciding frame (all of them when few, else the middle one); settled when none is left.
                foreach (var frame in ChallengeDecision.FirstDecidingFrameCandidates(_frames, _decision, Excluded(), oneAtATime: true))
                {
                    if (Start(frame))
                    {
                        start.Add(frame);
                    }
                }

                // Settled only when the search is really over: not while a frame it needs is running, nor while one it
                // needs failed too often here (verify analyses that one again; a failure is not evidence).
                IsSettled = start.Count == 0
                    && !_inFlight.Any(s => s < _decision.DecidedAt!.Value && !_audits.Contains(s))
                    && ChallengeDecision.FirstDecidingFrameCandidates(_frames, _decision).Count == 0
                    && FirstUnanalysedPrefix(_frames) is null;
                if (IsSettled)
                {
                    SettledAt = _decision.DecidedAt;
                }
            }

            if (IsSettled && _decision.Verdict.Kind == VerdictKind.Passed && !AuditsChosen)
            {
                ChooseAudits(_decision.DecidedAt!.Value, start);
            }

            RetryFailedAudit(sequence, start);
            return start;
        }

        IsSettled = false;
        var confirm = ChallengeDecision.FirstDecidingFrameCandidates(_frames, _decision, Excluded(), oneAtATime: true);
        if (confirm.Count > 0)
        {
            // A state change after unanalysed frames: those first (every-frame analysis may have changed state at one of
            // them; for the nose, the first nose-state frame is the landmark reference), beside any running analysis.
            start.AddRange(confirm.Where(Start));
            if (start.Count > 0)
            {
                RetryFailedAudit(sequence, start);
                return start;
            }
        }

        var demand = _decision.Demand;
        if (demand.BackfillFrames > 0)
        {
            // Earlier frames first, beside any running analysis (frames arriving meanwhile are held).
            foreach (var frame in BackfillCandidates(_frames, _decision, Excluded()))
            {
                if (Start(frame))
                {
                    start.Add(frame);
                }
            }

            if (start.Count > 0)
            {
                RetryFailedAudit(sequence, start);
                return start;
            }
        }

        RetryFailedAudit(sequence, start);
        if (analysis is null && index >= 0 && !_audits.Contains(sequence) && _failures[sequence] < MaxTriesPerFrame && Start(_frames[index]))
        {
            // A frame the challenge demanded failed: demand it again before anything later (frames that arrive meanwhile
            // stay held), so a fault does not move the sampled frames later than they would be without it.
            start.Add(_frames[index]);
            return start;
        }

        if (AnyDemandedInFlight() && (demand.BackfillFrames > 0 || !(demand.IsSampled && _held.Count > 0 && InWindow(_held[^1], demand))))
        {
            return start;
        }

        if (demand.IsSampled && _decision.LastAnalysed is { } last)
        {
            var lastFrame = _frames[IndexOf(last)];
            _dueAt = lastFrame.ReceivedAt + (demand.Interval * Jitter());
        }

        if (!demand.IsSampled)
        {
            // Every frame: all the held ones.
            start.AddRange(_held.Where(Start));
        }
        else if (_held.Count > 0 && InWindow(_held[^1], demand))
        {
            // The decision is near: every held frame inside the window.
            start.AddRange(_held.Where(f => InWindow(f, demand) && Start(f)));
        }
        else if (_held.Count > 0 && IsDue(_held[^1]) && Start(_held[^1]))
        {
            // Sampled: only the newest held frame can be the one that is due.
            start.Add(_held[^1]);
        }

        _held.Clear();

        if (demand.DecisionExpectedAt is { } expected && _frames.Count > 0 && _frames[^1].ReceivedAt >= expected - HalfFrame() && !AuditsChosen)
        {
            // The decision is near: draw the audit frames now, among every frame received so far, so their analyses
            // run while the user finishes instead of after the decision.
            ChooseAudits(_frames[^1].Sequence + 1, start);
        }

        return start;
    }

    /// <summary>
    /// The client called verify (it sends no more frames): when undecided, analyse now, in parallel with whatever is
    /// running, the newest frame (the one the client believes decides) and the audit frames if none were drawn yet.
    /// </summary>
    public IReadOnlyList<FrameRecord> ClientDone()
    {
        var start = new List<FrameRecord>();
        _held.Clear();
        if (_decision.Verdict.IsDecided || _frames.Count == 0)
        {
            return start;
        }

        var newest = _frames[^1];
        if (Start(newest))
        {
            start.Add(newest);
        }

        if (_decision.Demand.FindsFirstDecidingFrame && _frames.Count > 1 && _frames[^2].Sequence == newest.Sequence - 1 && Start(_frames[^2]))
        {
            // Should the newest frame decide, the search for the first deciding frame starts with the one before it: analyse
            // both at once, so verify waits one analyzer call instead of two.
            start.Add(_frames[^2]);
        }

        if (!AuditsChosen)
        {
            ChooseAudits(newest.Sequence, start);
        }

        return start;
    }

    /// <summary>Whether <paramref name="sequence"/> is a frame held until the running analysis finishes.</summary>
    public bool IsHeld(int sequence) => _held.Exists(f => f.Sequence == sequence);

    /// <summary>Whether <paramref name="sequence"/> is an audit frame.</summary>
    public bool IsAudit(int sequence) => _audits.Contains(sequence);

    /// <summary>
    /// How many frames after the last frame that showed the face verify analyses at once, per undecided round, when every
    /// analysed frame after it shows no face and the challenge decides at a first frame (about 0.7 s at 12 fps).
    /// </summary>
    internal const int FaceLostFrames = 8;

    /// <summary>The most undecided search rounds verify runs (confirming a decision and catching up are not counted).</summary>
    public const int MaxVerifyRounds = 3;

    /// <summary>
    /// Verify's rounds under the sparse strategy, the one copy the service and the simulations run: decides from the
    /// analysed frames, then analyses what <see cref="ForVerify"/> still needs (with <paramref name="analyse"/>, which returns
    /// the frames with their analyses) and decides again, until nothing is needed. Rounds count the undecided searches
    /// only (at most <see cref="MaxVerifyRounds"/>); confirming a decision's or a state change's skipped frames ends by
    /// itself, and so does catching up on the first frame or a backfill (each such round analyses at least one new frame).
    /// A decision reached in the last undecided round is still confirmed. <paramref name="frames"/> is updated in place.
    /// </summary>
    public static async ValueTask<AnalysedDecision> VerifyAsync(
        IChallenge challenge,
        ChallengeSession session,
        FrameRecord[] frames,
        bool auditsDone,
        int auditFrames,
        RandomNumberGenerator random,
        Func<IReadOnlyList<FrameRecord>, ValueTask<FrameRecord[]>> analyse)
    {
        var decision = ChallengeDecision.EvaluateAnalysed(challenge, session, frames);
        for (var round = 0; ;)
        {
            var needed = ForVerify(frames, decision, auditsDone, auditFrames, round, random);
            if (needed.Count == 0)
            {
                return decision;
            }

            var counted = !(decision.Verdict.IsDecided || IsCatchUp(frames, decision));
            if (counted && round >= MaxVerifyRounds)
            {
                return decision;
            }

            round += counted ? 1 : 0;
            auditsDone |= !decision.Verdict.IsDecided || ChallengeDecision.FirstDecidingFrameCandidates(frames, decision).Count == 0;
            foreach (var frame in await analyse(needed).ConfigureAwait(false))
            {
                frames[Array.FindIndex(frames, f => f.Sequence == frame.Sequence)] = frame;
            }

            decision = ChallengeDecision.EvaluateAnalysed(challenge, session, frames);
        }
    }

    /// <summary>
    /// What verify must still analyse, from the stored frames and decision: when decided, the search for the first
    /// deciding frame if it is not over, then the audit frames of a pass not audited yet; otherwise the newest frame, audit frames, and — in later rounds — more random frames.
    /// </summary>
    public static IReadOnlyList<FrameRecord> ForVerify(IReadOnlyList<FrameRecord> frames, AnalysedDecision decision, bool auditsDone, int auditFrames, int round, RandomNumberGenerator random)
    {
        var needed = new List<FrameRecord>();
        if (FirstUnanalysedPrefix(frames) is { } first)
        {
            // Frames before the first analysed one (their analysis failed): the first frame first, as every-frame analysis.
            return [first];
        }

        if (decision.Verdict.IsDecided)
        {
            var search = ChallengeDecision.FirstDecidingFrameCandidates(frames, decision);
            if (search.Count > 0)
            {
                // The first deciding frame is not found yet (another instance analysed, or this one stopped early).
                return search;
            }

            if (decision.Verdict.Kind == VerdictKind.Passed && !auditsDone)
            {
                needed.AddRange(Draw(frames.Where(f => f.Analysis is null && f.Sequence < decision.DecidedAt!.Value).ToList(), auditFrames, random));
            }

            return needed;
        }

        var confirm = ChallengeDecision.FirstDecidingFrameCandidates(frames, decision);
        if (confirm.Count > 0)
        {
            // A state change after unanalysed frames: those first.
            return confirm;
        }

        var backfill = BackfillCandidates(frames, decision, null);
        if (backfill.Count > 0)
        {
            // The challenge needs earlier frames first.
            return backfill;
        }

        if (decision.AnalysedFrames > 0 && !decision.Demand.IsSampled)
        {
            // A challenge that needs every frame: all of them, as the every-frame strategy does.
            needed.AddRange(frames.Where(f => f.Analysis is null));
            return needed;
        }

        if (frames.Count > 0 && frames[^1].Analysis is null)
        {
            // The client stopped: its last frame is the one it believes decides.
            needed.Add(frames[^1]);
        }

        if (decision.LastSeen is { } seen && decision.LastAnalysed is { } lastAnalysed && lastAnalysed > seen)
        {
            var unanalysedAfterSeen = frames.Where(f => f.Analysis is null && f.Sequence > seen && !needed.Contains(f));
            if (decision.Demand.FindsFirstDecidingFrame)
            {
                // The face was last seen before later analysed frames that do not show it, and the challenge decides at a
                // first frame (the nose reaching the target): the user may have reached it and turned out of view, the engine
                // finding the face only now and then on the way (corpus-v2 genuine-12 and genuine-15). Frames without a face
                // are no evidence of where the face went, so bisection cannot see past them: the frames right after the last
                // one that showed the face, FaceLostFrames at once (the next round goes on from the last face they show).
                needed.AddRange(unanalysedAfterSeen.Take(FaceLostFrames).ToList());
            }
            else
            {
                // The face was last seen before later analysed frames that do not show it (the user turned out of view, or
                // the frames were received at once and the samples missed the moment): the middle of the frames between
                // (one bisection step per round).
                var nextAnalysed = frames.First(g => g.Sequence > seen && g.Analysis is not null).Sequence;
                var between = unanalysedAfterSeen.TakeWhile(f => f.Sequence < nextAnalysed).ToList();
                if (between.Count > 0)
                {
                    needed.Add(between[between.Count / 2]);
                }
            }
        }

        if (decision.Demand.DecisionExpectedAt is { } expected && frames.Count > 1)
        {
            // The challenge predicted when it decides: the first two unanalysed frames from half a frame before that moment
            // (the frames after it may not show the face any more, and random frames rarely hit the moment).
            var halfFrame = (frames[^1].ReceivedAt - frames[0].ReceivedAt) / (2.0 * (frames.Count - 1));
            needed.AddRange(frames.Where(f => f.Analysis is null && f.ReceivedAt >= expected - halfFrame && !needed.Contains(f)).Take(2));
        }

        // Audit frames when none were drawn yet; and when the last frame alone cannot help (already analysed, or a
        // later round), more random frames: the challenge may lack evidence (for example trajectory points) that only
        // earlier frames hold.
        var count = !auditsDone ? auditFrames : needed.Count == 0 || round > 0 ? auditFrames + 1 : 0;
        needed.AddRange(Draw(frames.Where(f => f.Analysis is null && !needed.Contains(f)).ToList(), count, random));
        return needed;
    }

    /// <summary>
    /// Whether what verify analyses next for <paramref name="decision"/> catches up on evidence the challenge lacks: the
    /// first frame (<see cref="FirstUnanalysedPrefix"/>) or a backfill (earlier frames the challenge asked for). Each such
    /// round analyses at least one frame not analysed before, so they end by themselves.
    /// </summary>
    public static bool IsCatchUp(IReadOnlyList<FrameRecord> frames, AnalysedDecision decision)
        => FirstUnanalysedPrefix(frames) is not null || BackfillCandidates(frames, decision, null).Count > 0
            || (!decision.Verdict.IsDecided && ChallengeDecision.FirstDecidingFrameCandidates(frames, decision).Count > 0);

    /// <summary>
    /// The first frame, when it is not analysed but a later frame is (its analysis failed): before the first analysed
    /// frame a challenge needs every frame, so a failure there is "not yet known", never a later start.
    /// </summary>
    internal static FrameRecord? FirstUnanalysedPrefix(IReadOnlyList<FrameRecord> frames)
        => frames.Count > 1 && frames[0].Analysis is null && frames.Any(f => f.Analysis is not null) ? frames[0] : null;

    /// <summary>
    /// The frames a backfill demand (<see cref="FrameDemand.BackfillFrames"/>) asks for: unanalysed frames received after
    /// <see cref="FrameDemand.BackfillAfter"/> and before the last analysed frame, up to the number asked, spread evenly.
    /// </summary>
    private static List<FrameRecord> BackfillCandidates(IReadOnlyList<FrameRecord> frames, AnalysedDecision decision, HashSet<int>? excluded)
    {
        var demand = decision.Demand;
        if (decision.Verdict.IsDecided || demand.BackfillFrames <= 0 || decision.LastAnalysed is not { } last)
        {
            return [];
        }

        var candidates = frames
            .Where(f => f.Analysis is null && f.Sequence < last && (demand.BackfillAfter is not { } after || f.ReceivedAt > after) && (excluded is null || !excluded.Contains(f.Sequence)))
            .ToList();
        var count = Math.Min(demand.BackfillFrames, candidates.Count);
        var chosen = new List<FrameRecord>(count);
        for (var i = 1; i <= count; i++)
        {
            chosen.Add(candidates[(((2 * i) - 1) * candidates.Count) / (2 * count)]);
        }

        return chosen;
    }

    /// <summary>Draws up to <paramref name="count"/> frames uniformly without replacement.</summary>
    private static List<FrameRecord> Draw(List<FrameRecord> candidates, int count, RandomNumberGenerator random)
    {
        var drawn = new List<FrameRecord>(Math.Min(count, candidates.Count));
        while (drawn.Count < count && candidates.Count > 0)
        {
            var i = random.NextInt32(candidates.Count);
            drawn.Add(candidates[i]);
            candidates.RemoveAt(i);
        }

        drawn.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return drawn;
    }

    private void ChooseAudits(int before, List<FrameRecord> start)
    {
        AuditsChosen = true;
        var candidates = _frames.Where(f => f.Sequence < before && f.Analysis is null && !_inFlight.Contains(f.Sequence)).ToList();
        foreach (var audit in Draw(candidates, _auditFrames, _random))
        {
            _audits.Add(audit.Sequence);
            _inFlight.Add(audit.Sequence);
            start.Add(audit);
        }
    }

    private bool Start(FrameRecord frame) => frame.Analysis is null && _inFlight.Add(frame.Sequence);

    /// <summary>The frames not to propose now: running ones, and those whose analysis failed <see cref="MaxTriesPerFrame"/> times here.</summary>
    private HashSet<int> Excluded()
    {
        var excluded = new HashSet<int>(_inFlight);
        foreach (var (sequence, failures) in _failures)
        {
            if (failures >= MaxTriesPerFrame)
            {
                excluded.Add(sequence);
            }
        }

        return excluded;
    }

    /// <summary>An audit frame whose analysis failed is analysed again (bounded by <see cref="MaxTriesPerFrame"/>).</summary>
    private void RetryFailedAudit(int sequence, List<FrameRecord> start)
    {
        var index = IndexOf(sequence);
        if (index >= 0 && _audits.Contains(sequence) && _frames[index].Analysis is null && _failures.GetValueOrDefault(sequence) < MaxTriesPerFrame && Start(_frames[index]))
        {
            start.Add(_frames[index]);
        }
    }

    private bool AnyDemandedInFlight()
    {
        foreach (var sequence in _inFlight)
        {
            if (!_audits.Contains(sequence))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsDue(FrameRecord frame) => frame.ReceivedAt >= _dueAt;

    /// <summary>Whether <paramref name="frame"/> lies in the predicted decision window (from half a frame before the predicted moment on).</summary>
    private bool InWindow(FrameRecord frame, FrameDemand demand)
        => demand.IsSampled && demand.DecisionExpectedAt is { } expected && frame.ReceivedAt >= expected - HalfFrame();

    /// <summary>Half the mean time between received frames (zero before two frames).</summary>
    private TimeSpan HalfFrame()
        => _frames.Count < 2 ? TimeSpan.Zero : (_frames[^1].ReceivedAt - _frames[0].ReceivedAt) / (2.0 * (_frames.Count - 1));

    /// <summary>A factor in [0.75, 1] from the CSPRNG, so the sampled frames cannot be predicted from the interval.</summary>
    private double Jitter() => 0.75 + (_random.NextInt32(1001) / 4000.0);

    private void Insert(FrameRecord frame)
    {
        if (_frames.Count == 0 || _frames[^1].Sequence < frame.Sequence)
        {
            _frames.Add(frame);
            return;
        }

        var index = _frames.FindIndex(f => f.Sequence >= frame.Sequence);
        if (_frames[index].Sequence == frame.Sequence)
        {
            return;
        }

        _frames.Insert(index, frame);
    }

    private int IndexOf(int sequence) => _frames.FindIndex(f => f.Sequence == sequence);
}
