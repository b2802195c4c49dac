using System.Globalization;
using System.Text;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// Why the reference's histogram rule rejects genuine corpus turns (docs/liveness-evidence.md, "Why the histogram rule
/// rejects genuine turns"): per genuine session, the rendered and reported yaw, the rule's branch and the histogram
/// distance at the deciding frame and after it, and two counterfactual variants of the rule measured on the same
/// recordings (not shipped: the reference rule is kept as it is).
/// </summary>
internal static class HistogramRuleInvestigation
{
    public sealed record Row(
        CorpusRun Run,
        int NoseStart,
        double RestYaw,
        double FirstNoseYaw,
        double DecisionYaw,
        double Threshold,
        double Distance,
        double[] Later,
        bool RejectedByRule,
        bool RejectedWithYawChangeBranch,
        bool RejectedWithTwoMoreFrames);

    public static IReadOnlyList<Row> Rows(IEnumerable<CorpusRecording> recordings)
    {
        var off = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(new NoseChallengeOptions { PlanarMotionCheck = false }));
        var rows = new List<Row>();
        foreach (var recording in recordings.Where(r => r.Kind == "genuine"))
        {
            var run = recording.Run(off);
            if (run.DecidedAt is not { } decided || !(run.Passed || run.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement))
            {
                continue;
            }

            var frames = recording.Frames;
            var start = frames.ToList().FindIndex(f => f.Faces.Count == 1 && ReferenceEquals(f.Faces[0], run.NoseFaces[0]));
            var progress = run.Progress;
            var original = new double[LandmarkHistogram.Length];
            LandmarkHistogram.Compute(run.NoseFaces[0].Landmarks, progress.Width, progress.Height, original);
            var face = run.NoseFaces[^1];
            var threshold = Threshold(face.Pose.Yaw, progress.TargetOnTheRight);
            var distance = LandmarkHistogram.Distance(original, face.Landmarks, progress.Width, progress.Height);
            var later = new List<double>();
            for (var i = decided + 1; i < frames.Count && later.Count < 2; i++)
            {
                if (frames[i].Faces.Count == 1)
                {
                    later.Add(LandmarkHistogram.Distance(original, frames[i].Faces[0].Landmarks, progress.Width, progress.Height));
                }
            }

            // Counterfactual 1: the rotation branch decided by the reported yaw's change since the first nose-state frame.
            var change = face.Pose.Yaw - run.NoseFaces[0].Pose.Yaw;
            var changeThreshold = Threshold(change, progress.TargetOnTheRight);

            // Counterfactual 2: the same rule, judged on the best of the deciding frame and the next two (a later decision).
            var best = later.Append(distance).Max();
            rows.Add(new Row(
                run,
                start,
                frames.First(f => f.Faces.Count == 1).Faces[0].Pose.Yaw,
                run.NoseFaces[0].Pose.Yaw,
                face.Pose.Yaw,
                threshold,
                distance,
                [.. later],
                !run.Passed,
                !(distance > changeThreshold),
                !(best > threshold)));
        }

        return rows;
    }

    public static string Build(IReadOnlyList<CorpusRecording> recordings)
    {
        var rows = Rows(recordings);
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var turns = rows.Where(r => r.Run.DecisionYaw >= 15).ToArray();
        text.AppendLine(c, $"Genuine sessions that reached the landmark rules: {rows.Count}; of them with a rendered yaw ≥ 15° at the decision: {turns.Length}.").AppendLine();
        text.AppendLine("| variant (measured, not shipped) | genuine ≥15° rejected | all genuine rejected |").AppendLine("|---|---|---|");
        text.AppendLine(c, $"| the reference rule (reported yaw at the decision picks 0.075 or 0.15) | {turns.Count(r => r.RejectedByRule)} / {turns.Length} | {rows.Count(r => r.RejectedByRule)} / {rows.Count} |");
        text.AppendLine(c, $"| branch by the reported yaw's change since the first nose-state frame | {turns.Count(r => r.RejectedWithYawChangeBranch)} / {turns.Length} | {rows.Count(r => r.RejectedWithYawChangeBranch)} / {rows.Count} |");
        text.AppendLine(c, $"| the rule on the best of the deciding frame and the next two | {turns.Count(r => r.RejectedWithTwoMoreFrames)} / {turns.Length} | {rows.Count(r => r.RejectedWithTwoMoreFrames)} / {rows.Count} |");

        text.AppendLine().AppendLine("| rendered yaw at decision | n | reported yaw change ÷ rendered yaw change, median | histogram distance at decision, min / median / max | ≥ 0.075 | ≥ 0.15 |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (lo, hi) in new[] { (0.0, 10.0), (10.0, 15.0), (15.0, 20.0), (20.0, 25.0), (25.0, 90.0) })
        {
            var bucket = rows.Where(r => r.Run.DecisionYaw >= lo && r.Run.DecisionYaw < hi).ToArray();
            if (bucket.Length == 0)
            {
                continue;
            }

            var d = bucket.Select(r => r.Distance).Order().ToArray();
            var slope = bucket.Select(r => Math.Abs(r.DecisionYaw - r.FirstNoseYaw) / Math.Max(1, Math.Abs(r.Run.Recording.TruthYaw[r.Run.DecidedAt!.Value] - r.Run.Recording.TruthYaw[r.NoseStart]))).Order().ToArray();
            text.AppendLine(c, $"| {lo:0}–{(hi > 80 ? "" : hi.ToString("0", c))}° | {bucket.Length} | {slope[slope.Length / 2]:0.00} | {d[0]:0.000} / {d[d.Length / 2]:0.000} / {d[^1]:0.000} | {d.Count(v => v > 0.075)} | {d.Count(v => v > 0.15)} |");
        }

        text.AppendLine().AppendLine("| recording | frame | nose state from frame | rendered yaw: nose-state start → decision | reported yaw: session start / nose-state start / decision | threshold | histogram distance at decision → next two frames | reference rule |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in rows.Where(r => r.RejectedByRule || r.RejectedWithYawChangeBranch).OrderBy(r => r.Run.Recording.Seed))
        {
            var truth = r.Run.Recording.TruthYaw;
            text.AppendLine(c, $"| {r.Run.Recording.Name} | {r.Run.Recording.FrameSize} | {r.NoseStart} | {truth[r.NoseStart]:0.#}° → {truth[r.Run.DecidedAt!.Value]:0.#}° | {r.RestYaw:0.#} / {r.FirstNoseYaw:0.#} / {r.DecisionYaw:0.#} | {r.Threshold:0.000} | {r.Distance:0.000} → {string.Join(", ", r.Later.Select(v => v.ToString("0.000", c)))} | {(r.RejectedByRule ? "rejected" : "passed")} |");
        }

        return text.ToString();
    }

    // The reference rule's threshold for a yaw (degrees, positive = right) and the target's side; NaN when the head turned away.
    internal static double Threshold(double yaw, bool targetOnTheRight)
    {
        var right = yaw > NoseGeometry.RotationThreshold;
        var left = yaw < -NoseGeometry.RotationThreshold;
        if ((right && targetOnTheRight) || (left && !targetOnTheRight))
        {
            return NoseGeometry.MinDist * NoseGeometry.MinDistFactorRotated;
        }

        return !right && !left ? NoseGeometry.MinDist * NoseGeometry.MinDistFactorNotRotated : double.PositiveInfinity;
    }
}
