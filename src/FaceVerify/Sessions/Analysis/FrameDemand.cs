namespace FaceVerify;

/// <summary>
/// Which of the next frames a challenge needs analysed, as its evaluator says after the analysed frames it has judged
/// (<see cref="IFrameDemandSource.GetFrameDemand"/>). Read by the <see cref="FrameAnalysisStrategy.Sparse"/> strategy:
/// <see cref="EveryFrame"/> has every frame analysed; <see cref="Sample(TimeSpan, DateTimeOffset?)"/> has one frame
/// analysed at least every <see cref="Interval"/> (the strategy shortens the interval by a random amount, so the
/// sampled frames cannot be predicted) and, from <see cref="DecisionExpectedAt"/> on, the newest frame each time the
/// session's previous analysis has finished. <c>default</c> is <see cref="EveryFrame"/>.
/// </summary>
public readonly record struct FrameDemand
{
    private FrameDemand(bool sampled, TimeSpan interval, DateTimeOffset? decisionExpectedAt)
    {
        IsSampled = sampled;
        Interval = interval;
        DecisionExpectedAt = decisionExpectedAt;
    }

    /// <summary>The outcome can change at any frame: analyse every frame (what a challenge that says nothing gets).</summary>
    public static FrameDemand EveryFrame => default;

    /// <summary>Whether sampling is enough (<see langword="false"/>: every frame).</summary>
    public bool IsSampled { get; }

    /// <summary>For a sampled demand: the longest time, on server receive time, between two analysed frames. Zero: the newest frame whenever no analysis of the session is running.</summary>
    public TimeSpan Interval { get; }

    /// <summary>For a sampled demand: when the challenge expects the frame that decides it (server receive time); from then on the newest frame is analysed whenever the previous analysis has finished. <see langword="null"/> when unknown.</summary>
    public DateTimeOffset? DecisionExpectedAt { get; }

    /// <summary>The outcome cannot change faster than <paramref name="interval"/>: one analysed frame per interval is enough, and from <paramref name="decisionExpectedAt"/> on the newest frame whenever the analyzer is free.</summary>
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
