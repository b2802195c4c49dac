namespace FaceVerify;

/// <summary>
/// Which nose-state frames the sparse analysis strategy needs: a probe to measure the nose's velocity, then frames
/// at most <see cref="NoseChallengeOptions.SampleInterval"/> apart until the moment the nose is predicted to enter
/// the (widened) target box, then every frame the analyzer keeps up with. The prediction is a straight-line
/// extrapolation of the last two trajectory points; two consecutive predictions that agree make it "reliable", and
/// no frame is then sampled before the predicted moment unless it is more than one sample interval away.
/// </summary>
internal static class NoseDemand
{
    /// <summary>Sampling of the face and area states (a late nose-state entry would move the first landmark histogram).</summary>
    public static readonly TimeSpan SetupSampleInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The second nose-state point, which gives the first velocity.</summary>
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    /// <summary>Shortest sampling gap while the prediction is not reliable.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Predictions further away than this are ignored (a state lasts 10 s by default).</summary>
    private const double MaxPredictionSeconds = 15;

    /// <summary>How many skipped frames a re-entry check asks for at once (about one second at 12 fps).</summary>
    internal const int ReentryBackfillFrames = 12;

    public static FrameDemand InNoseState(NoseProgress progress, DateTimeOffset lastReceivedAt)
    {
        var demand = Demand(progress, lastReceivedAt);
        var n = progress.TrajectoryCount;
        if (n >= 2 && !InBox(progress, n - 1) && !InBox(progress, n - 2) && SegmentCrossesBox(progress, n - 2, n - 1))
        {
            // The nose may have entered the target and left it between the last two points (the path need not be
            // monotonic): the frames skipped between them first, so the first in-target frame is the one every-frame
            // analysis finds (a re-entry later must not decide instead).
            return demand.WithBackfill(ReentryBackfillFrames, new DateTimeOffset(progress.TrajectoryTicks[n - 2], TimeSpan.Zero));
        }

        return demand;
    }

    private static FrameDemand Demand(NoseProgress progress, DateTimeOffset lastReceivedAt)
    {
        var n = progress.TrajectoryCount;
        var maxGap = progress.SampleInterval;
        if (n is > 0 and < NoseGeometry.MinTrajectoryPoints && InBox(progress, n - 1))
        {
            // The nose is in the target with fewer than 4 points, so this frame could not decide: first the missing
            // trajectory points from the frames already received (every-frame analysis would have had them, and its
            // first in-target frame decides), then every frame.
            return FrameDemand.Sample(TimeSpan.Zero, lastReceivedAt)
                .WithBackfill(NoseGeometry.MinTrajectoryPoints - n, new DateTimeOffset(progress.TrajectoryTicks[0], TimeSpan.Zero));
        }

        if (n < 2)
        {
            return FrameDemand.Sample(ProbeInterval < maxGap ? ProbeInterval : maxGap);
        }

        if (PredictEntry(progress, n - 2, n - 1) is not { } expected)
        {
            return FrameDemand.Sample(maxGap);
        }

        var remaining = expected - lastReceivedAt;
        if (remaining <= TimeSpan.Zero)
        {
            // Overdue: the newest frames, every one from now on.
            return FrameDemand.Sample(TimeSpan.Zero, lastReceivedAt);
        }

        var reliable = n >= 3 && PredictEntry(progress, n - 3, n - 2) is { } previous
            && (previous - expected).Duration() <= Max(TimeSpan.FromMilliseconds(300), 0.2 * (expected - new DateTimeOffset(progress.TrajectoryTicks[n - 2], TimeSpan.Zero)));
        if (reliable)
        {
            // Trust it: the next analysed frame is the predicted one, unless it is further than one sample interval.
            return FrameDemand.Sample(remaining <= maxGap ? remaining + maxGap : maxGap, expected);
        }

        // Not reliable yet: three quarters of the way (the search for the first deciding frame corrects an overshoot).
        return FrameDemand.Sample(Clamp(remaining * 0.75, MinInterval < maxGap ? MinInterval : maxGap, maxGap), expected);
    }

    /// <summary>Whether trajectory point <paramref name="i"/> lies in the (widened) target box.</summary>
    private static bool InBox(NoseProgress progress, int i)
    {
        var x = progress.Width * progress.TrajectoryX[i];
        var y = progress.Height * progress.TrajectoryY[i];
        return progress.NoseBoxLeft <= x && x <= progress.NoseBoxRight && progress.NoseBoxTop <= y && y <= progress.NoseBoxBottom;
    }

    /// <summary>Whether the straight segment between trajectory points <paramref name="a"/> and <paramref name="b"/> passes through the target box.</summary>
    private static bool SegmentCrossesBox(NoseProgress progress, int a, int b)
    {
        var x = progress.Width * progress.TrajectoryX[a];
        var y = progress.Height * progress.TrajectoryY[a];
        var dx = (progress.Width * progress.TrajectoryX[b]) - x;
        var dy = (progress.Height * progress.TrajectoryY[b]) - y;
        var enter = 0.0;
        var exit = 1.0;
        return Slab(x, dx, progress.NoseBoxLeft, progress.NoseBoxRight, ref enter, ref exit)
            && Slab(y, dy, progress.NoseBoxTop, progress.NoseBoxBottom, ref enter, ref exit)
            && enter <= exit;
    }

    /// <summary>When the nose, moving in a straight line as between points <paramref name="a"/> and <paramref name="b"/>, enters the widened target box.</summary>
    private static DateTimeOffset? PredictEntry(NoseProgress progress, int a, int b)
    {
        var seconds = (progress.TrajectoryTicks[b] - progress.TrajectoryTicks[a]) / (double)TimeSpan.TicksPerSecond;
        if (seconds <= 0)
        {
            return null;
        }

        var x = progress.Width * progress.TrajectoryX[b];
        var y = progress.Height * progress.TrajectoryY[b];
        var vx = progress.Width * (progress.TrajectoryX[b] - progress.TrajectoryX[a]) / seconds;
        var vy = progress.Height * (progress.TrajectoryY[b] - progress.TrajectoryY[a]) / seconds;
        var enter = 0.0;
        var exit = double.PositiveInfinity;
        if (!Slab(x, vx, progress.NoseBoxLeft, progress.NoseBoxRight, ref enter, ref exit)
            || !Slab(y, vy, progress.NoseBoxTop, progress.NoseBoxBottom, ref enter, ref exit)
            || enter > exit
            || enter > MaxPredictionSeconds)
        {
            return null;
        }

        return new DateTimeOffset(progress.TrajectoryTicks[b], TimeSpan.Zero).AddSeconds(enter);
    }

    private static bool Slab(double position, double velocity, double min, double max, ref double enter, ref double exit)
    {
        if (Math.Abs(velocity) < 1e-9)
        {
            return position >= min && position <= max;
        }

        var t1 = (min - position) / velocity;
        var t2 = (max - position) / velocity;
        if (t1 > t2)
        {
            (t1, t2) = (t2, t1);
        }

        enter = Math.Max(enter, t1);
        exit = Math.Min(exit, t2);
        return true;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
}
