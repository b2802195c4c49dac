using System.Globalization;
using System.Text;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// The noise floor of the flat-object statistic (docs/liveness-evidence.md, "Targets of issue 14"): the face-depth
/// parallax (<see cref="FlatObjectCheck.Statistic"/>) between two frames of a print held still, where nothing moves and
/// only the engine's landmark noise (sensor noise, lighting drift, JPEG re-encoding) is measured. A flat print can never
/// be held below this floor, so "every flat attack at most half the threshold" needs a threshold of at least twice it.
/// Explicit: needs the generated corpus (<c>FACEVERIFY_LIVENESS_CORPUS</c>), writes <c>artifacts/flat-object-noise-floor.md</c>.
/// </summary>
[Explicit("Needs the generated corpus; run: FACEVERIFY_LIVENESS_CORPUS=$PWD/artifacts/corpus-v2 dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~FlatObjectNoiseFloorEvidenceTests")]
public sealed class FlatObjectNoiseFloorEvidenceTests
{
    [Test]
    public void Report_FlatObjectStatistic_OnStillPrints()
    {
        var stills = EvidenceArtifacts.LoadCorpus().Where(r => r.Kind == "still").ToList();
        stills.Should().NotBeEmpty("the corpus has still prints");

        var rows = new List<(string Name, string Size, int Pairs, double Median, double P90, double Max)>();
        var all = new List<double>();
        foreach (var still in stills)
        {
            var faces = still.Frames.Where(f => f.Faces.Count == 1).Select(f => f.Faces[0]).ToList();
            var values = new List<double>();
            for (var k = 1; k < faces.Count; k++)
            {
                var value = FlatObjectCheck.Statistic([faces[0], faces[k]], still.Width, still.Height);
                if (!double.IsNaN(value))
                {
                    values.Add(value);
                }
            }

            if (values.Count == 0)
            {
                continue;
            }

            values.Sort();
            all.AddRange(values);
            rows.Add((still.Name, still.FrameSize, values.Count, Quantile(values, 0.5), Quantile(values, 0.9), values[^1]));
        }

        all.Should().NotBeEmpty("still prints have one-face frames");
        all.Sort();
        var threshold = new NoseChallengeOptions().MinDepthParallax;
        var report = new StringBuilder();
        report.AppendLine("## Face-depth parallax of still prints (first one-face frame to every later one; nothing moves)");
        report.AppendLine();
        report.AppendLine(Invariant($"Threshold (MinDepthParallax, default): {threshold:0.0000}; half of it: {threshold / 2:0.0000}."));
        report.AppendLine();
        report.AppendLine("| recording | frame | pairs | median | p90 | max |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            report.AppendLine(Invariant($"| {row.Name} | {row.Size} | {row.Pairs} | {row.Median:0.0000} | {row.P90:0.0000} | {row.Max:0.0000} |"));
        }

        report.AppendLine(Invariant($"| **all** | | {all.Count} | {Quantile(all, 0.5):0.0000} | {Quantile(all, 0.9):0.0000} | {all[^1]:0.0000} |"));
        report.AppendLine();
        report.AppendLine(Invariant($"Pairs above half the threshold: {all.Count(v => v > threshold / 2)} of {all.Count}; above the threshold: {all.Count(v => v >= threshold)}."));
        report.AppendLine(Invariant($"A threshold that keeps this floor (max) at half of it: {2 * all[^1]:0.0000}."));
        EvidenceArtifacts.Write("flat-object-noise-floor.md", report.ToString());
    }

    private static double Quantile(List<double> sorted, double q) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
