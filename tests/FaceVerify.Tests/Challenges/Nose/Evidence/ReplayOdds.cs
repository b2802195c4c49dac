using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The odds of the screen-replay attack (docs/liveness-evidence.md, "What none of this stops"): a genuine recording of
/// the victim, made for one session's nose target, replayed into a fresh session. Verdicts are a pure function of the
/// recorded analyses, so each genuine recording is re-evaluated through <see cref="NoseTargetChallenge"/> (default
/// options) against <c>K</c> fresh targets of its frame size, drawn by the challenge's own parameter generation from a
/// seeded generator. The analytic figure is the chance that the centre of one random target lies within another's
/// tolerant nose box (20 px widened by 55 % on each side, 42 px), by simulation of the same generator.
/// </summary>
internal static class ReplayOdds
{
    /// <summary>The pass fraction of one recording replayed against fresh targets, and why the replays failed.</summary>
    public sealed record RecordingOdds(CorpusRecording Recording, bool PassesOwnTarget, int Targets, int Passed, IReadOnlyDictionary<string, int> Reasons)
    {
        public double Fraction => (double)Passed / Targets;
    }

    /// <summary>Replays every genuine recording against <paramref name="targets"/> fresh targets each (seeded per recording).</summary>
    /// <param name="recordings">The recordings; only the genuine ones are replayed.</param>
    /// <param name="targets">Fresh targets per recording.</param>
    /// <param name="seed">The seed of the targets.</param>
    /// <param name="transform">Applied to every target, the recording's own and the fresh ones (a smaller nose box, see <see cref="ReplayOddsMitigation"/>); none by default.</param>
    public static IReadOnlyList<RecordingOdds> Measure(IEnumerable<CorpusRecording> recordings, int targets, int seed, Func<JsonElement, JsonElement>? transform = null)
    {
        transform ??= p => p;
        var challenge = new NoseTargetChallenge();
        var result = new List<RecordingOdds>();
        foreach (var recording in recordings.Where(r => r.Kind == "genuine"))
        {
            // a fixed function of the seed and the recording (HashCode.Combine is randomised per process)
            using var random = new SeededRandomNumberGenerator(unchecked((seed * 1_000_003) + (recording.Seed * 7_919) + (recording.Width * 31) + recording.Height));
            var passed = 0;
            var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < targets; k++)
            {
                var parameters = transform(challenge.CreateParameters(new ChallengeParametersArguments(recording.Width, recording.Height, random)));
                var run = recording.Run(challenge, parameters);
                if (run.Passed)
                {
                    passed++;
                }
                else
                {
                    reasons[run.ReasonLabel] = reasons.GetValueOrDefault(run.ReasonLabel) + 1;
                }
            }

            result.Add(new RecordingOdds(recording, recording.Run(challenge, transform(recording.Parameters)).Passed, targets, passed, reasons));
        }

        return result;
    }

    /// <summary>The chance that a random target's centre lies within another random target's tolerant nose box, by simulation of the challenge's generator.</summary>
    public static double TargetCoincidence(int width, int height, int pairs, int seed)
    {
        var challenge = new NoseTargetChallenge();
        using var random = new SeededRandomNumberGenerator(seed);
        var hits = 0;
        for (var i = 0; i < pairs; i++)
        {
            var recorded = Read(challenge.CreateParameters(new ChallengeParametersArguments(width, height, random)));
            var fresh = Read(challenge.CreateParameters(new ChallengeParametersArguments(width, height, random)));
            var x = recorded.NoseLeft + (recorded.NoseWidth / 2.0);
            var y = recorded.NoseTop + (recorded.NoseHeight / 2.0);
            var left = fresh.NoseLeft - (NoseGeometry.NoseBoxTolerance * fresh.NoseWidth);
            var top = fresh.NoseTop - (NoseGeometry.NoseBoxTolerance * fresh.NoseHeight);
            if (left <= x && x <= left + (2.1 * fresh.NoseWidth) && top <= y && y <= top + (2.1 * fresh.NoseHeight))
            {
                hits++;
            }
        }

        return (double)hits / pairs;
    }

    /// <summary>The chance that at least one of <paramref name="attempts"/> independent replays passes.</summary>
    public static double PerWindow(double perAttempt, int attempts) => 1 - Math.Pow(1 - perAttempt, attempts);

    /// <summary>The report (markdown): by frame size, overall, and per recording.</summary>
    public static string Build(string corpusName, IReadOnlyList<RecordingOdds> odds, int targets, int seed)
    {
        var sessions = new FaceVerificationOptions().MaxSessionsPerUser;
        var sb = new StringBuilder();
        sb.AppendLine(Invariant($"# Replay of a genuine recording against fresh targets ({corpusName})"));
        sb.AppendLine();
        sb.AppendLine(Invariant($"Each genuine recording replayed through NoseTargetChallenge (default options) against {targets} fresh targets of its frame size (the challenge's own generator, seed {seed}). Analytic: a random target's centre within another's 42 px tolerant box (200000 simulated pairs)."));
        sb.AppendLine();
        sb.AppendLine(Invariant($"| frame | recordings | pass their own target | replay pass fraction, all recordings: mean (min–max) | … recordings that pass their own target: mean | analytic | per window of {sessions} sessions (all / own-passing) |"));
        sb.AppendLine("|---|---|---|---|---|---|---|");
        var groups = odds.GroupBy(o => o.Recording.FrameSize).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Items: g.ToArray())).ToList();
        groups.Add(("all", [.. odds]));
        foreach (var (size, items) in groups)
        {
            var own = items.Where(o => o.PassesOwnTarget).ToArray();
            var mean = items.Average(o => o.Fraction);
            var ownMean = own.Length == 0 ? double.NaN : own.Average(o => o.Fraction);
            var analytic = size == "all"
                ? double.NaN
                : TargetCoincidence(items[0].Recording.Width, items[0].Recording.Height, 200_000, seed);
            sb.AppendLine(Invariant(
                $"| {size} | {items.Length} | {own.Length} | {Percent(mean)} ({Percent(items.Min(o => o.Fraction))}–{Percent(items.Max(o => o.Fraction))}) | {Percent(ownMean)} | {(double.IsNaN(analytic) ? "" : Percent(analytic))} | {Percent(PerWindow(mean, sessions))} / {Percent(PerWindow(ownMean, sessions))} |"));
        }

        sb.AppendLine();
        var reasons = odds.SelectMany(o => o.Reasons).GroupBy(r => r.Key).Select(g => (g.Key, Count: g.Sum(r => r.Value))).OrderByDescending(r => r.Count).ToArray();
        sb.AppendLine(Invariant($"Failed replays by reason ({odds.Sum(o => o.Targets - o.Passed)} of {odds.Sum(o => o.Targets)}): {string.Join(", ", reasons.Select(r => $"{r.Key} {r.Count}"))}"));
        sb.AppendLine();
        sb.AppendLine("| recording | frame | passes its own target | replays passed | fraction | reasons of the failed replays |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var o in odds.OrderBy(o => o.Recording.Seed))
        {
            sb.AppendLine(Invariant($"| {o.Recording.Name} | {o.Recording.FrameSize} | {(o.PassesOwnTarget ? "yes" : "no")} | {o.Passed} / {o.Targets} | {Percent(o.Fraction)} | {string.Join(", ", o.Reasons.Select(r => $"{r.Key} {r.Value}"))} |"));
        }

        return sb.ToString();
    }

    private static NoseChallengeParameters Read(JsonElement parameters)
        => parameters.Deserialize<NoseChallengeParameters>(JsonSerializerOptions.Web)!;

    private static string Percent(double value) => double.IsNaN(value) ? "–" : Invariant($"{value * 100:0.0} %");

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
