using System.Globalization;
using System.Text;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>The tables of docs/liveness-evidence.md, computed from corpus recordings (pure replays, no engine).</summary>
internal static class LivenessEvidenceReport
{
    public static readonly string[] FlatClasses = ["still", "slide", "tilt"];

    public static readonly string[] BentClasses = ["cylinder", "bump", "bend"];

    public static string Build(IReadOnlyList<CorpusRecording> recordings, NoseChallengeOptions options)
    {
        var challenge = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(options));
        var off = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(new NoseChallengeOptions { PlanarMotionCheck = false }));
        var runs = recordings.Select(r => (On: r.Run(challenge), Off: r.Run(off))).ToArray();
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;

        text.AppendLine("## Per class (default options)").AppendLine();
        text.AppendLine("| class | n | passed | APCER / pass rate | reasons |").AppendLine("|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.On.Recording.Kind).OrderBy(g => g.Key == "genuine" ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var n = group.Count();
            var passed = group.Count(r => r.On.Passed);
            var reasons = string.Join(", ", group.Where(r => !r.On.Passed).GroupBy(r => r.On.ReasonLabel).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            text.AppendLine(c, $"| {group.Key} | {n} | {passed} | {100.0 * passed / n:0.#} % | {reasons} |");
        }

        text.AppendLine().AppendLine("## Genuine sessions by the head's yaw at the deciding frame (rendered truth)").AppendLine();
        text.AppendLine("| yaw at decision | n | passed | rejected by landmark-movement rules | other reasons |").AppendLine("|---|---|---|---|---|");
        var genuine = runs.Where(r => r.On.Recording.Kind == "genuine").ToArray();
        foreach (var (lo, hi) in new[] { (0.0, 10.0), (10.0, 15.0), (15.0, 20.0), (20.0, 25.0), (25.0, 90.0) })
        {
            var bucket = genuine.Where(r => r.On.DecisionYaw is { } y && y >= lo && y < hi).ToArray();
            var movement = bucket.Count(r => r.On.Verdict.Reason == OutcomeReason.InsufficientLandmarkMovement);
            var other = string.Join(", ", bucket.Where(r => !r.On.Passed && r.On.Verdict.Reason != OutcomeReason.InsufficientLandmarkMovement).GroupBy(r => r.On.ReasonLabel).Select(g => $"{g.Key} {g.Count()}"));
            text.AppendLine(c, $"| {lo:0}–{(hi > 80 ? "" : hi.ToString("0", c))}° | {bucket.Length} | {bucket.Count(r => r.On.Passed)} | {movement} ({LandmarkRules(bucket)}) | {other} |");
        }

        var undecided = genuine.Count(r => r.On.DecisionYaw is null);
        text.AppendLine(c, $"| not decided in the nose state | {undecided} | | | |");

        text.AppendLine().AppendLine("## Genuine sessions by frame size").AppendLine();
        text.AppendLine("| frame | n | passed | rate |").AppendLine("|---|---|---|---|");
        foreach (var group in genuine.GroupBy(r => r.On.Recording.FrameSize).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"| {group.Key} | {group.Count()} | {group.Count(r => r.On.Passed)} | {100.0 * group.Count(r => r.On.Passed) / group.Count():0.#} % |");
        }

        text.AppendLine().AppendLine("## Decisive statistics of the sessions that pass the reference rules (check off)").AppendLine();
        text.AppendLine("| class | n | face-depth parallax min / median / max | planar residual min / median / max |").AppendLine("|---|---|---|---|");
        foreach (var group in runs.Where(r => r.Off.Passed).GroupBy(r => r.Off.Recording.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var p = group.Select(r => r.Off.Parallax).Order().ToArray();
            var h = group.Select(r => r.Off.PlanarResidual).Order().ToArray();
            text.AppendLine(c, $"| {group.Key} | {p.Length} | {p[0]:0.0000} / {p[p.Length / 2]:0.0000} / {p[^1]:0.0000} | {h[0]:0.0000} / {h[h.Length / 2]:0.0000} / {h[^1]:0.0000} |");
        }

        text.AppendLine().AppendLine("## Threshold sweep (sessions that pass the reference rules; genuine ≥ 15° at decision)").AppendLine();
        text.AppendLine("| statistic | threshold | genuine ≥15° rejected | flat attacks passing | bent attacks passing |").AppendLine("|---|---|---|---|---|");
        var refPassed = runs.Where(r => r.Off.Passed).Select(r => r.Off).ToArray();
        var genuine15 = refPassed.Where(r => r.Recording.Kind == "genuine" && r.DecisionYaw >= 15).ToArray();
        var flat = refPassed.Where(r => FlatClasses.Contains(r.Recording.Kind)).ToArray();
        var bent = refPassed.Where(r => BentClasses.Contains(r.Recording.Kind)).ToArray();
        foreach (var t in new[] { 0.002, 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.01 })
        {
            text.AppendLine(c, $"| face-depth parallax | {t:0.000} | {genuine15.Count(r => r.Parallax < t)} / {genuine15.Length} | {flat.Count(r => !(r.Parallax < t))} / {flat.Length} | {bent.Count(r => !(r.Parallax < t))} / {bent.Length} |");
        }

        foreach (var t in new[] { 0.005, 0.01, 0.015, 0.02 })
        {
            text.AppendLine(c, $"| planar residual | {t:0.000} | {genuine15.Count(r => r.PlanarResidual < t)} / {genuine15.Length} | {flat.Count(r => !(r.PlanarResidual < t))} / {flat.Length} | {bent.Count(r => !(r.PlanarResidual < t))} / {bent.Length} |");
        }

        text.AppendLine().AppendLine("## Every recording").AppendLine();
        text.AppendLine("| recording | frame | turn | yaw at decision | verdict | parallax | planar residual |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var (on, _) in runs)
        {
            text.AppendLine(c, $"| {on.Recording.Name} | {on.Recording.FrameSize} | {on.Recording.Turn:0.#} | {on.DecisionYaw:0.#} | {on.ReasonLabel} | {on.Parallax:0.0000} | {on.PlanarResidual:0.0000} |");
        }

        return text.ToString();
    }

    private static string LandmarkRules(IEnumerable<(CorpusRun On, CorpusRun Off)> runs)
    {
        var list = runs.Where(r => r.On.Verdict.Reason == OutcomeReason.InsufficientLandmarkMovement).ToArray();
        var histogram = list.Count(r => r.On.ReasonLabel == nameof(OutcomeReason.InsufficientLandmarkMovement));
        return $"histogram {histogram}, flat-object {list.Length - histogram}";
    }
}
