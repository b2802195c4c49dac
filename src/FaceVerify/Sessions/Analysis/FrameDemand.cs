namespace FaceVerify;

/// <summary>
/// Which of the next frames a challenge needs analysed, as its evaluator says after the analysed frames it has judged
/// (<see cref="IFrameDemandSource.GetFrameDemand"/>). Read by the <see cref="FrameAnalysisStrategy.Sparse"/> strategy:
/// <see cref="EveryFrame"/> has every frame analysed; <see cref="Sample(TimeSpan, DateTimeOffset?)"/> has one frame
/// analysed at least every <see cref="Interval"/> (the strategy shortens the interval by a random amount, so the
/// sampled frames cannot be predicted) and, from half a frame before <see cref="DecisionExpectedAt"/> on, every frame. <c>default</c> is <see cref="EveryFrame"/>.
/// </summary>
public readonly record struct FrameDemand
{
    private FrameDemand(bool sampled, TimeSpan interval, DateTimeOffset? decisionExpectedAt, bool findsFirstDecidingFrame = false, int backfillFrames = 0, DateTimeOffset? backfillAfter = null)
    {
        IsSampled = sampled;
        Interval = interval;
        DecisionExpectedAt = decisionExpectedAt;
        FindsFirstDecidingFrame = findsFirstDecidingFrame;
        BackfillFrames = backfillFrames;
        BackfillAfter = backfillAfter;
    }

    /// <summary>The outcome can change at any frame: analyse every frame (what a challenge that says nothing gets).</summary>
    public static FrameDemand EveryFrame => default;

    /// <summary>Whether sampling is enough (<see langword="false"/>: every frame).</summary>
    public bool IsSampled { get; }

    /// <summary>For a sampled demand: the longest time, on server receive time, between two analysed frames. Zero: the newest frame whenever no analysis of the session is running.</summary>
    public TimeSpan Interval { get; }

    /// <summary>For a sampled demand: when the challenge expects the frame that decides it (server receive time); from half a frame before it on every frame is analysed, without waiting for the running analysis. <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? DecisionExpectedAt { get; }

    /// <summary>
    /// For a sampled demand: when a later analysed frame decides the challenge or moves it to another state (a change
    /// point), the strategy confirms the unanalysed frames between the last analysed frame that showed one face and the
    /// change point (the frame just before it first, then bisection), so that the change happens at the frame every-frame
    /// analysis would have found; a frame without a face, or with several, is no evidence of where the face was. Set it
    /// where the verdict depends on which frame changes the state or decides (the nose challenge: the first nose-state
    /// frame is the landmark reference, and the trajectory and the landmark movement are read at the deciding frame);
    /// leave it off where any frame that decides gives the same verdict (a held pose).
    /// </summary>
    public bool FindsFirstDecidingFrame { get; }

    /// <summary>This demand, asking the strategy to find the first deciding frame (<see cref="FindsFirstDecidingFrame"/>).</summary>
    /// <returns>The demand with <see cref="FindsFirstDecidingFrame"/> set (no effect on <see cref="EveryFrame"/>, which analyses every frame anyway).</returns>
    public FrameDemand FindingFirstDecidingFrame() => IsSampled ? new FrameDemand(true, Interval, DecisionExpectedAt, true, BackfillFrames, BackfillAfter) : this;

    /// <summary>
    /// For a sampled demand: how many more frames the challenge needs analysed among the frames already received
    /// after <see cref="BackfillAfter"/> and before the last analysed frame (evidence that every-frame analysis would
    /// have had, such as trajectory points). The strategy analyses up to that many of them at once, spread evenly,
    /// before any later frame, and asks again. Zero: none.
    /// </summary>
    public int BackfillFrames { get; }

    /// <summary>For a backfill (<see cref="BackfillFrames"/>): only frames received after this time.</summary>
    public DateTimeOffset? BackfillAfter { get; }

    /// <summary>This demand, asking first for <paramref name="frames"/> earlier frames received after <paramref name="receivedAfter"/> (<see cref="BackfillFrames"/>).</summary>
    /// <param name="frames">How many earlier frames, at least 1.</param>
    /// <param name="receivedAfter">Only frames received after this time (server receive time).</param>
    /// <returns>The demand with the backfill (no effect on <see cref="EveryFrame"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="frames"/> is less than 1.</exception>
    public FrameDemand WithBackfill(int frames, DateTimeOffset receivedAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        return IsSampled ? new FrameDemand(true, Interval, DecisionExpectedAt, FindsFirstDecidingFrame, frames, receivedAfter) : this;
    }

    /// <summary>The outcome cannot change faster than <paramref name="interval"/>: one analysed frame per interval is enough, and from <paramref name="decisionExpectedAt"/> on every frame.</summary>
    /// <param name="interval">The longest gap between analysed frames (server receive time); zero for "as often as the analyzer keeps up with one call at a time".</param>
    /// <param name="decisionExpectedAt">When the deciding frame is expected, if the challenge can predict it.</param>
    /// <returns>The demand.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is negative.</exception>
    public static FrameDemand Sample(TimeSpan interval, DateTimeOffset? decisionExpectedAt = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        return new FrameDemand(true, interval, decisionExpectedAt);
    }
}
