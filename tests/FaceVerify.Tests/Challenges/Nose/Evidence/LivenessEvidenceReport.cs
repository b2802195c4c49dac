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
            var movement = bucket.Count(r => r.On.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement);
            var other = string.Join(", ", bucket.Where(r => !r.On.Passed && r.On.Verdict.Reason != ChallengeReason.InsufficientLandmarkMovement).GroupBy(r => r.On.ReasonLabel).Select(g => $"{g.Key} {g.Count()}"));
            text.AppendLine(c, $"| {lo:0}–{(hi > 80 ? "" : hi.ToString("0", c))}° | {bucket.Length} | {bucket.Count(r => r.On.Passed)} | {movement} ({LandmarkRules(bucket)}) | {other} |");
        }

        var undecided = genuine.Count(r => r.On.DecisionYaw is null);
        text.AppendLine(c, $"| not decided in the nose state | {undecided} | | | |");

        // The issue's target: genuine turns of >= 15° at the decision that reached the landmark-movement rules (check
        // off: passed or failed the histogram), and how many of them the rules (histogram or flat-object) reject.
        var reachedTurns = genuine.Where(r => (r.Off.Passed || r.Off.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement) && r.Off.DecisionYaw >= 15).ToArray();
        var rejectedTurns = reachedTurns.Where(r => r.On.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement).ToArray();
        text.AppendLine().AppendLine(c, $"Genuine turns of ≥ 15° at the decision that reached the landmark-movement rules: {reachedTurns.Length}; rejected by them: {rejectedTurns.Length} ({LandmarkRules(rejectedTurns)}; {100.0 * rejectedTurns.Length / Math.Max(1, reachedTurns.Length):0.#} %, one-sided 95 % upper bound {100 * TargetSweepReport.UpperBound(rejectedTurns.Length, reachedTurns.Length):0.#} %)");
        foreach (var (turnOn, turnOff) in rejectedTurns)
        {
            text.AppendLine(c, $"- {turnOn.Recording.Name} ({turnOn.Recording.FrameSize}, decided at {turnOn.DecisionYaw:0.#}°): {turnOn.ReasonLabel}; flat-object check off: {turnOff.ReasonLabel}; parallax {turnOn.Parallax:0.0000}");
        }

        text.AppendLine().AppendLine("## Genuine sessions by frame size").AppendLine();
        text.AppendLine("| frame | n | passed | rate |").AppendLine("|---|---|---|---|");
        foreach (var group in genuine.GroupBy(r => r.On.Recording.FrameSize).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"| {group.Key} | {group.Count()} | {group.Count(r => r.On.Passed)} | {100.0 * group.Count(r => r.On.Passed) / group.Count():0.#} % |");
        }

        // Population of the sweep: sessions whose nose state reached the landmark-movement rules (with the check off:
        // passed, or failed the histogram), i.e. everything the flat-object statistic is computed on at a decision.
        var reached = runs.Where(r => r.Off.Passed || r.Off.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement).Select(r => r.Off).ToArray();
        text.AppendLine().AppendLine("## Decisive statistics at the deciding frame (sessions that reached the landmark-movement rules; check off)").AppendLine();
        text.AppendLine("| class | n | passed the reference rules | face-depth parallax min / median / max | planar residual min / median / max |").AppendLine("|---|---|---|---|---|");
        foreach (var group in reached.GroupBy(r => r.Recording.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var p = group.Select(r => r.Parallax).Order().ToArray();
            var h = group.Select(r => r.PlanarResidual).Order().ToArray();
            text.AppendLine(c, $"| {group.Key} | {p.Length} | {group.Count(r => r.Passed)} | {p[0]:0.0000} / {p[p.Length / 2]:0.0000} / {p[^1]:0.0000} | {h[0]:0.0000} / {h[h.Length / 2]:0.0000} / {h[^1]:0.0000} |");
        }

        text.AppendLine().AppendLine("## Threshold sweep (same population; a statistic below the threshold rejects)").AppendLine();
        text.AppendLine("| statistic | threshold | genuine ≥15° rejected | genuine, all, passing the reference rules, rejected | flat attacks (still, slide, tilt) not rejected | bent attacks (cylinder, bump, bend) not rejected |").AppendLine("|---|---|---|---|---|---|");
        var genuine15 = reached.Where(r => r.Recording.Kind == "genuine" && r.DecisionYaw >= 15).ToArray();
        var genuineRef = reached.Where(r => r.Recording.Kind == "genuine" && r.Passed).ToArray();
        var flat = reached.Where(r => FlatClasses.Contains(r.Recording.Kind)).ToArray();
        var bent = reached.Where(r => BentClasses.Contains(r.Recording.Kind)).ToArray();
        foreach (var t in new[] { 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.01 })
        {
            text.AppendLine(c, $"| face-depth parallax | {t:0.000} | {genuine15.Count(r => r.Parallax < t)} / {genuine15.Length} | {genuineRef.Count(r => r.Parallax < t)} / {genuineRef.Length} | {flat.Count(r => !(r.Parallax < t))} / {flat.Length} | {bent.Count(r => !(r.Parallax < t))} / {bent.Length} |");
        }

        foreach (var t in new[] { 0.005, 0.01, 0.015, 0.02 })
        {
            text.AppendLine(c, $"| planar residual | {t:0.000} | {genuine15.Count(r => r.PlanarResidual < t)} / {genuine15.Length} | {genuineRef.Count(r => r.PlanarResidual < t)} / {genuineRef.Length} | {flat.Count(r => !(r.PlanarResidual < t))} / {flat.Length} | {bent.Count(r => !(r.PlanarResidual < t))} / {bent.Length} |");
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
        var list = runs.Where(r => r.On.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement).ToArray();
        var histogram = list.Count(r => r.On.ReasonLabel == nameof(ChallengeReason.InsufficientLandmarkMovement));
        return $"histogram {histogram}, flat-object {list.Length - histogram}";
    }
}
