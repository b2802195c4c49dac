using System.Globalization;
using System.Text;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The candidates for the flat/bent-object statistic measured on the liveness corpus (docs/liveness-evidence.md,
/// "Candidates over the whole nose-state trajectory"): each computed at the deciding frame of every session whose nose
/// state reached the landmark-movement rules (planar check off), with its distribution per class and a threshold sweep.
/// </summary>
internal static class FlatObjectCandidatesReport
{
    public static readonly (string Name, Func<CorpusRun, double> Statistic)[] Candidates =
    [
        ("face-depth parallax, first → deciding frame (the default)", r => r.Parallax),
        ("face-depth parallax, median of the last 3 frames", r => MedianOfLast(r, 3)),
        ("face-depth parallax, max over the nose state", r => Trajectory(r).Max()),
        ("face-specific depth beyond any quadratic surface", r => QuadraticSurfaceFit.FaceSpecificParallax(r.NoseFaces[0].Landmarks, r.NoseFaces[^1].Landmarks, r.Progress.Width, r.Progress.Height, FaceSize(r, r.NoseFaces[^1]))),
        ("reported yaw change, absolute (degrees), first → deciding frame", r => Math.Abs(r.NoseFaces[^1].Pose.Yaw - r.NoseFaces[0].Pose.Yaw)),
        ("face-depth parallax from the session's first one-face frame", FromSessionStart),
        ("jawline non-rigidity (occluding contour)", r => JawContourFit.NonRigidity(r.NoseFaces, r.Progress.Width, r.Progress.Height)),
        ("nose tip's shift within the detector's face box (box widths)", r => Math.Abs(NoseInBox(r.NoseFaces[^1]) - NoseInBox(r.NoseFaces[0]))),
    ];

    public static string Build(IReadOnlyList<CorpusRecording> recordings)
    {
        var off = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(new NoseChallengeOptions { PlanarMotionCheck = false }));
        var reached = recordings.Select(r => r.Run(off))
            .Where(r => (r.Passed || r.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement) && r.NoseFaces.Count >= 2)
            .ToArray();
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var genuineRef = reached.Where(r => r.Recording.Kind == "genuine" && r.Passed).ToArray();
        var genuine15 = reached.Where(r => r.Recording.Kind == "genuine" && r.DecisionYaw >= 15).ToArray();
        var flat = reached.Where(r => LivenessEvidenceReport.FlatClasses.Contains(r.Recording.Kind)).ToArray();
        var bent = reached.Where(r => LivenessEvidenceReport.BentClasses.Contains(r.Recording.Kind)).ToArray();
        var turnedBent = bent.Where(r => r.Recording.Kind is "bump" or "cylinder").ToArray();
        text.AppendLine(c, $"Population: sessions whose nose state reached the landmark-movement rules (check off): genuine passing the reference rules {genuineRef.Length}, genuine ≥15° {genuine15.Length}, flat prints {flat.Length}, bent prints {bent.Length} (bump and cylinder {turnedBent.Length}).").AppendLine();
        text.AppendLine("| candidate | flat max | bump/cylinder max | genuine (ref-passing) min / p10 / median | genuine p10 ÷ flat max | bump/cylinder ≥ genuine p10 |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, statistic) in Candidates)
        {
            var g = genuineRef.Select(statistic).Order().ToArray();
            var f = flat.Select(statistic).Max();
            var b = turnedBent.Select(statistic).Max();
            var p10 = g[g.Length / 10];
            text.AppendLine(c, $"| {name} | {f:0.0000} | {b:0.0000} | {g[0]:0.0000} / {p10:0.0000} / {g[g.Length / 2]:0.0000} | {p10 / f:0.00} | {turnedBent.Count(r => statistic(r) >= p10)} / {turnedBent.Length} |");
        }

        text.AppendLine().AppendLine("| candidate | threshold | genuine ≥15° rejected | genuine passing the reference rules rejected | flat not rejected | bent not rejected | bump/cylinder not rejected |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (name, statistic) in Candidates)
        {
            var f = flat.Select(statistic).Max();
            foreach (var factor in new[] { 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0 })
            {
                var t = f * factor;
                text.AppendLine(c, $"| {name} | {t:0.0000} ({factor:0.0}× flat max) | {genuine15.Count(r => statistic(r) < t)} / {genuine15.Length} | {genuineRef.Count(r => statistic(r) < t)} / {genuineRef.Length} | {flat.Count(r => !(statistic(r) < t))} / {flat.Length} | {bent.Count(r => !(statistic(r) < t))} / {bent.Length} | {turnedBent.Count(r => !(statistic(r) < t))} / {turnedBent.Length} |");
            }
        }

        text.AppendLine().AppendLine("| recording | frame | class | verdict (check off) | yaw at decision (rendered) | " + string.Join(" | ", Candidates.Select((_, i) => $"c{i + 1}")) + " |");
        text.AppendLine("|---|---|---|---|---|" + string.Concat(Candidates.Select(_ => "---|")));
        foreach (var r in reached.OrderBy(r => r.Recording.Kind, StringComparer.Ordinal).ThenBy(r => r.Recording.Seed))
        {
            var values = string.Join(" | ", Candidates.Select(x => x.Statistic(r).ToString("0.0000", c)));
            text.AppendLine(c, $"| {r.Recording.Name} | {r.Recording.FrameSize} | {r.Recording.Kind} | {r.ReasonLabel} | {r.DecisionYaw:0.#} | {values} |");
        }

        return text.ToString();
    }

    // the nose tip's horizontal position within the face box: 0 at the box centre, ±0.5 at its edges
    private static double NoseInBox(FaceDetails face)
        => face.TryGetLandmark(LandmarkType.Nose, out var nose) ? ((nose.X - face.BoundingBox.Left) / face.BoundingBox.Width) - 0.5 : double.NaN;

    private static double FaceSize(CorpusRun run, FaceDetails face)
        => Math.Sqrt(face.BoundingBox.Width * run.Progress.Width * face.BoundingBox.Height * run.Progress.Height);

    private static double[] Trajectory(CorpusRun run)
        => [.. run.NoseFaces.Skip(1).Select(f => FaceDepthParallaxFit.ParallaxRatio(run.NoseFaces[0].Landmarks, f.Landmarks, run.Progress.Width, run.Progress.Height, FaceSize(run, f)))];

    private static double MedianOfLast(CorpusRun run, int count)
    {
        var values = Trajectory(run).TakeLast(count).Order().ToArray();
        return values[values.Length / 2];
    }

    private static double FromSessionStart(CorpusRun run)
    {
        var first = run.Recording.Frames.First(f => f.Faces.Count == 1).Faces[0];
        var last = run.NoseFaces[^1];
        return FaceDepthParallaxFit.ParallaxRatio(first.Landmarks, last.Landmarks, run.Progress.Width, run.Progress.Height, FaceSize(run, last));
    }
}
