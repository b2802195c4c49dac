using System.Globalization;
using System.Text;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// A measured (not shipped) mitigation of the replay odds (docs/liveness-evidence.md, "What none of this stops"): a
/// smaller nose box. The tolerant box the nose must reach is 2.1 × the target's size (20 px → 42 px); two random
/// targets coincide within it about 18 % of the time. With the same target centres and a smaller size the box
/// shrinks, and so do the odds of a replay, at the cost of genuine sessions whose nose tip stops short of the smaller
/// box. Both sides are replays of the same recordings (the decision is a pure function of them): genuine sessions
/// against their own target with the smaller box, and genuine recordings against fresh targets with it.
/// </summary>
internal static class ReplayOddsMitigation
{
    /// <summary>The target sizes measured (20 is the reference's).</summary>
    public static readonly int[] Sizes = [20, 16, 14, 12, 10];

    /// <summary>The same target centre with a nose box of <paramref name="size"/> pixels.</summary>
    public static JsonElement Resize(JsonElement parameters, int size)
    {
        var p = parameters.Deserialize<NoseChallengeParameters>(JsonSerializerOptions.Web)!;
        var centreX2 = (2 * p.NoseLeft) + p.NoseWidth;
        var centreY2 = (2 * p.NoseTop) + p.NoseHeight;
        var resized = p with { NoseLeft = (centreX2 - size) / 2, NoseTop = (centreY2 - size) / 2, NoseWidth = size, NoseHeight = size };
        return JsonSerializer.SerializeToElement(resized, JsonSerializerOptions.Web);
    }

    /// <summary>The chance that a random target's centre lies within another random target's tolerant box of the given size.</summary>
    public static double TargetCoincidence(int width, int height, int size, int pairs, int seed)
    {
        var challenge = new NoseTargetChallenge();
        using var random = new SeededRandomNumberGenerator(seed);
        var hits = 0;
        for (var i = 0; i < pairs; i++)
        {
            var recorded = challenge.CreateParameters(new ChallengeParametersArguments(width, height, random)).Deserialize<NoseChallengeParameters>(JsonSerializerOptions.Web)!;
            var fresh = Resize(challenge.CreateParameters(new ChallengeParametersArguments(width, height, random)), size).Deserialize<NoseChallengeParameters>(JsonSerializerOptions.Web)!;
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

    /// <summary>The trade-off table: per size, genuine own-target pass rate (corpus and sweep) and the replay odds.</summary>
    public static string Build(IReadOnlyList<CorpusRecording> corpus, IReadOnlyList<CorpusRecording> sweep, int targets, int seed)
    {
        var c = CultureInfo.InvariantCulture;
        var challenge = new NoseTargetChallenge();
        var genuine = corpus.Where(r => r.Kind == "genuine").ToArray();
        var sweepGenuine = sweep.Where(r => r.Kind == "genuine").ToArray();
        var text = new StringBuilder();
        text.AppendLine("# A smaller nose box against the replay odds (measured, not shipped)").AppendLine();
        text.AppendLine(c, $"Genuine recordings: {genuine.Length} of the corpus, {sweepGenuine.Length} of the target sweep. Replays: each corpus genuine recording against {targets} fresh targets (seed {seed}), the same targets at every size. Default options otherwise.").AppendLine();
        text.AppendLine("| nose box (tolerant box) | genuine passing their own target, corpus | … target sweep | replay pass fraction, all recordings | … recordings passing their own target | analytic coincidence, 480×480 | per window of 5 sessions (own-passing) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var size in Sizes)
        {
            var own = genuine.Count(r => r.Run(challenge, Resize(r.Parameters, size)).Passed);
            var sweepOwn = sweepGenuine.Count(r => r.Run(challenge, Resize(r.Parameters, size)).Passed);
            var odds = ReplayOdds.Measure(genuine, targets, seed, p => Resize(p, size));
            var ownPassing = odds.Where(o => o.PassesOwnTarget).ToArray();
            var mean = odds.Average(o => o.Fraction);
            var ownMean = ownPassing.Length == 0 ? double.NaN : ownPassing.Average(o => o.Fraction);
            var analytic = TargetCoincidence(480, 480, size, 100_000, seed);
            var sweepCell = sweepGenuine.Length == 0 ? "–" : string.Create(c, $"{sweepOwn} / {sweepGenuine.Length} ({100.0 * sweepOwn / sweepGenuine.Length:0.#} %)");
            text.AppendLine(c, $"| {size} px ({2.1 * size:0.#} px) | {own} / {genuine.Length} ({100.0 * own / genuine.Length:0.#} %) | {sweepCell} | {100 * mean:0.0} % | {100 * ownMean:0.0} % | {100 * analytic:0.0} % | {100 * ReplayOdds.PerWindow(ownMean, 5):0.0} % |");
        }

        // The attack side of the same trade: every attack recording decided for its own target with the smaller box
        // (a print's nose path must reach a smaller box too). Substitution classes are left out: their verdict belongs
        // to the identity check, which a replay of analyses cannot run.
        var attackKinds = corpus.Concat(sweep).Select(r => r.Kind).Where(k => k != "genuine" && !k.StartsWith("subst", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToArray();
        text.AppendLine().AppendLine("Attack recordings passing their own target with the smaller box (corpus; target sweep):").AppendLine();
        text.AppendLine("| nose box | " + string.Join(" | ", attackKinds) + " |");
        text.AppendLine("|---|" + string.Concat(attackKinds.Select(_ => "---|")));
        foreach (var size in Sizes)
        {
            var cells = attackKinds.Select(kind =>
            {
                string Count(IReadOnlyList<CorpusRecording> set)
                {
                    var of = set.Where(r => r.Kind == kind).ToArray();
                    return of.Length == 0 ? "–" : string.Create(c, $"{of.Count(r => r.Run(challenge, Resize(r.Parameters, size)).Passed)}/{of.Length}");
                }

                return $"{Count(corpus)}; {Count(sweep)}";
            });
            text.AppendLine(c, $"| {size} px | {string.Join(" | ", cells)} |");
        }

        return text.ToString();
    }
}
