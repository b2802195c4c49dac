using System.Globalization;
using System.Text;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The seeded target sweep of docs/liveness-evidence.md ("Target sweep"): each sequence of the print classes and of
/// genuine turns rendered for several nose targets (<c>node tools/local-aws/bin/target-sweep.js</c>), every recording
/// decided by <see cref="NoseTargetChallenge"/> with default options (a pure function of its analyses). Per class: the
/// pass count over all targets with a one-sided 95 % Clopper–Pearson upper bound, per seed, the passing attacks'
/// decisive statistics, and the flat-object statistic's threshold sweep on the same population.
/// </summary>
internal static class TargetSweepReport
{
    public static readonly string[] PrintClasses = ["still", "slide", "tilt", "cylinder", "bump", "bend"];

    /// <summary>One decided sweep recording: default options, and the flat-object check off (for the statistics at the decision).</summary>
    public sealed record Decision(CorpusRecording Recording, int Target, CorpusRun On, CorpusRun Off)
    {
        /// <summary>Whether the nose state reached the landmark-movement rules with the flat-object check off.</summary>
        public bool ReachedLandmarkRules => Off.Passed || Off.Verdict.Reason == ChallengeReason.InsufficientLandmarkMovement;

        /// <summary>The reference histogram rule at the decision (check off): the distance and its threshold (NaN when not decided).</summary>
        public (double Distance, double Threshold) Histogram
        {
            get
            {
                if (!ReachedLandmarkRules || Off.NoseFaces.Count < 2)
                {
                    return (double.NaN, double.NaN);
                }

                var progress = Off.Progress;
                var original = new double[LandmarkHistogram.Length];
                LandmarkHistogram.Compute(Off.NoseFaces[0].Landmarks, progress.Width, progress.Height, original);
                var face = Off.NoseFaces[^1];
                return (LandmarkHistogram.Distance(original, face.Landmarks, progress.Width, progress.Height), HistogramRuleInvestigation.Threshold(face.Pose.Yaw, progress.TargetOnTheRight));
            }
        }
    }

    /// <summary>Decides every recording of a sweep folder with the given options.</summary>
    public static IReadOnlyList<Decision> Decide(IEnumerable<CorpusRecording> recordings, NoseChallengeOptions options)
    {
        var on = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(options));
        var off = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(new NoseChallengeOptions { PlanarMotionCheck = false }));
        return [.. recordings.Select(r => new Decision(r, TargetIndex(r.Name), r.Run(on), r.Run(off)))];
    }

    /// <summary>The one-sided upper confidence bound of a binomial proportion (Clopper–Pearson), by bisection on the binomial CDF.</summary>
    public static double UpperBound(int successes, int n, double confidence = 0.95)
    {
        if (successes >= n)
        {
            return 1;
        }

        var alpha = 1 - confidence;
        double lo = (double)successes / n, hi = 1;
        for (var i = 0; i < 100; i++)
        {
            var mid = (lo + hi) / 2;
            if (BinomialCdf(successes, n, mid) > alpha)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return hi;
    }

    public static string Build(IReadOnlyList<Decision> decisions, string folderName)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var threshold = new NoseChallengeOptions().MinDepthParallax;
        var targets = decisions.Select(d => d.Target).Distinct().Count();
        text.AppendLine(c, $"# Target sweep ({folderName}): every recording decided with default options").AppendLine();
        text.AppendLine(c, $"{decisions.Count} recordings, targets 0–{decisions.Max(d => d.Target)} per sequence. The targets of one sequence share its print (same seed): they are not independent draws of the attack, so the bound over targets is a bound for these sequences; 'sequences passing' counts the prints that passed for at least one target.").AppendLine();

        text.AppendLine("## Per class").AppendLine();
        text.AppendLine("| class | sequences (seeds) | recordings | passed | pass rate (APCER; genuine: 1 − BPCER) | 95 % upper bound (one-sided Clopper–Pearson) | sequences passing for ≥ 1 target | reasons of the failures |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var group in decisions.GroupBy(d => d.Recording.Kind).OrderBy(g => g.Key == "genuine" ? 0 : 1).ThenBy(g => Array.IndexOf(PrintClasses, g.Key)))
        {
            var n = group.Count();
            var passed = group.Count(d => d.On.Passed);
            var seeds = group.Select(d => d.Recording.Seed).Distinct().Order().ToArray();
            var seedsPassing = group.Where(d => d.On.Passed).Select(d => d.Recording.Seed).Distinct().Count();
            var reasons = string.Join(", ", group.Where(d => !d.On.Passed).GroupBy(d => d.On.ReasonLabel).OrderByDescending(g => g.Count()).Select(g => $"{g.Key} {g.Count()}"));
            var bound = group.Key == "genuine" ? "" : Percent(UpperBound(passed, n));
            text.AppendLine(c, $"| {group.Key} | {seeds.Length} ({string.Join(", ", seeds)}) | {n} | {passed} | {Percent((double)passed / n)} | {bound} | {seedsPassing} / {seeds.Length} | {reasons} |");
        }

        text.AppendLine().AppendLine("## Passed / targets per sequence").AppendLine();
        var allSeeds = decisions.Select(d => d.Recording.Seed).Distinct().Order().ToArray();
        text.AppendLine("| class | " + string.Join(" | ", allSeeds.Select(s => $"seed {s} ({decisions.First(d => d.Recording.Seed == s).Recording.FrameSize})")) + " |");
        text.AppendLine("|---|" + string.Concat(allSeeds.Select(_ => "---|")));
        foreach (var group in decisions.GroupBy(d => d.Recording.Kind).OrderBy(g => g.Key == "genuine" ? 0 : 1).ThenBy(g => Array.IndexOf(PrintClasses, g.Key)))
        {
            var cells = allSeeds.Select(s =>
            {
                var items = group.Where(d => d.Recording.Seed == s).ToArray();
                return items.Length == 0 ? "" : string.Create(c, $"{items.Count(d => d.On.Passed)} / {items.Length}");
            });
            text.Append("| ").Append(group.Key).Append(" | ").AppendJoin(" | ", cells).AppendLine(" |");
        }

        text.AppendLine().AppendLine("## Attacks that passed: the decisive statistics at the decision").AppendLine();
        text.AppendLine(c, $"Face-depth parallax against its threshold {threshold:0.000} (below rejects); the reference histogram distance against the threshold its branch asks (below rejects).").AppendLine();
        text.AppendLine("| recording | frame | target (nose left, top) | decided at frame | rendered yaw at decision | reported yaw: first nose-state frame → decision | face-depth parallax | histogram distance / threshold |").AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var d in decisions.Where(d => d.Recording.Kind != "genuine" && d.On.Passed).OrderBy(d => d.Recording.Kind, StringComparer.Ordinal).ThenBy(d => d.Recording.Seed).ThenBy(d => d.Target))
        {
            var (distance, t) = d.Histogram;
            var parameters = d.Recording.Parameters;
            text.AppendLine(c, $"| {d.Recording.Name} | {d.Recording.FrameSize} | {parameters.GetProperty("noseLeft").GetInt32()}, {parameters.GetProperty("noseTop").GetInt32()} | {d.On.DecidedAt} | {d.On.DecisionYaw:0.#}° | {d.On.NoseFaces[0].Pose.Yaw:0.#} → {d.On.NoseFaces[^1].Pose.Yaw:0.#} | {d.On.Parallax:0.0000} | {distance:0.000} / {t:0.000} |");
        }

        var reached = decisions.Where(d => d.ReachedLandmarkRules).ToArray();
        text.AppendLine().AppendLine("## Decisive statistics (recordings whose nose state reached the landmark-movement rules; check off)").AppendLine();
        text.AppendLine("| class | n | passed the reference rules | face-depth parallax min / median / max | max ÷ threshold |").AppendLine("|---|---|---|---|---|");
        foreach (var group in reached.GroupBy(d => d.Recording.Kind).OrderBy(g => g.Key == "genuine" ? 0 : 1).ThenBy(g => Array.IndexOf(PrintClasses, g.Key)))
        {
            var p = group.Select(d => d.Off.Parallax).Order().ToArray();
            text.AppendLine(c, $"| {group.Key} | {p.Length} | {group.Count(d => d.Off.Passed)} | {p[0]:0.0000} / {p[p.Length / 2]:0.0000} / {p[^1]:0.0000} | {p[^1] / threshold:0.00} |");
        }

        text.AppendLine().AppendLine("## Threshold sweep of the face-depth parallax on the sweep (same population; below the threshold rejects)").AppendLine();
        var genuineRef = reached.Where(d => d.Recording.Kind == "genuine" && d.Off.Passed).ToArray();
        var genuine15 = reached.Where(d => d.Recording.Kind == "genuine" && d.Off.DecisionYaw >= 15).ToArray();
        var attackClasses = PrintClasses.Where(k => reached.Any(d => d.Recording.Kind == k)).ToArray();
        text.AppendLine("| threshold | genuine ≥ 15° rejected | genuine passing the reference rules rejected | " + string.Join(" | ", attackClasses.Select(k => $"{k} passing the reference rules, not rejected")) + " |");
        text.AppendLine("|---|---|---|" + string.Concat(attackClasses.Select(_ => "---|")));
        foreach (var t in new[] { 0.003, 0.004, 0.005, 0.006, 0.007, 0.008, 0.009, 0.010, 0.012, 0.014 })
        {
            var cells = attackClasses.Select(k =>
            {
                var items = reached.Where(d => d.Recording.Kind == k && d.Off.Passed).ToArray();
                return $"{items.Count(d => !(d.Off.Parallax < t))} / {items.Length}";
            });
            text.AppendLine(c, $"| {t:0.000} | {genuine15.Count(d => d.Off.Parallax < t)} / {genuine15.Length} | {genuineRef.Count(d => d.Off.Parallax < t)} / {genuineRef.Length} | {string.Join(" | ", cells)} |");
        }

        text.AppendLine().AppendLine("## Every recording").AppendLine();
        text.AppendLine("| recording | frame | target | verdict | decided at | rendered yaw at decision | parallax (check off) |").AppendLine("|---|---|---|---|---|---|---|");
        foreach (var d in decisions.OrderBy(d => d.Recording.Kind, StringComparer.Ordinal).ThenBy(d => d.Recording.Seed).ThenBy(d => d.Target))
        {
            var parameters = d.Recording.Parameters;
            text.AppendLine(c, $"| {d.Recording.Name} | {d.Recording.FrameSize} | {parameters.GetProperty("noseLeft").GetInt32()}, {parameters.GetProperty("noseTop").GetInt32()} | {d.On.ReasonLabel} | {d.On.DecidedAt} | {d.On.DecisionYaw:0.#} | {d.Off.Parallax:0.0000} |");
        }

        return text.ToString();
    }

    private static int TargetIndex(string name)
    {
        var at = name.LastIndexOf("-t", StringComparison.Ordinal);
        return at < 0 ? 0 : int.Parse(name[(at + 2)..], CultureInfo.InvariantCulture);
    }

    private static double BinomialCdf(int k, int n, double p)
    {
        if (p <= 0)
        {
            return 1;
        }

        if (p >= 1)
        {
            return k >= n ? 1 : 0;
        }

        // term i = C(n, i) p^i (1-p)^(n-i), in logs for large n
        var logTerm = n * Math.Log(1 - p);
        var sum = Math.Exp(logTerm);
        for (var i = 0; i < k; i++)
        {
            logTerm += Math.Log((double)(n - i) / (i + 1)) + Math.Log(p / (1 - p));
            sum += Math.Exp(logTerm);
        }

        return Math.Min(1, sum);
    }

    private static string Percent(double value) => double.IsNaN(value) ? "–" : string.Create(CultureInfo.InvariantCulture, $"{value * 100:0.#} %");
}
