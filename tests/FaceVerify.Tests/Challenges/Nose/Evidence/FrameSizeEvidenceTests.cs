using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FaceVerify.Tests.Challenges.Nose.Evidence;

/// <summary>
/// Why genuine head turns at 1280×720 fail the flat-object check more often than at 480×480 and 640×480
/// (docs/liveness-evidence.md, "Genuine sessions at 1280x720"): per genuine recording, the turn the nose state saw
/// (rendered yaw at its first frame and at the decision), the face size, the camera distance the renderer used (its
/// focal length 0.8 × frame width over the face box width), the engine's reported yaw and the face-depth parallax,
/// summarised per frame size; and the same statistic on noise-free projections of the generic face model at each
/// frame size's camera geometry, which separates the geometry from the engine and the turn distribution.
/// Explicit: needs the generated corpus (<c>FACEVERIFY_LIVENESS_CORPUS</c>), writes <c>artifacts/frame-size.md</c>.
/// </summary>
[Explicit("Needs the generated corpus; run: FACEVERIFY_LIVENESS_CORPUS=$PWD/artifacts/corpus-v2 dotnet test tests/FaceVerify.Tests --filter FullyQualifiedName~FrameSizeEvidenceTests")]
public sealed class FrameSizeEvidenceTests
{
    [Test]
    public void Report_GenuineSessionsByFrameSize()
    {
        var folder = EvidenceArtifacts.CorpusFolder();
        var challenge = new NoseTargetChallenge();
        var off = new NoseTargetChallenge(Microsoft.Extensions.Options.Options.Create(new NoseChallengeOptions { PlanarMotionCheck = false }));
        var rows = new List<Row>();
        foreach (var recording in EvidenceArtifacts.LoadCorpus().Where(r => r.Kind == "genuine"))
        {
            var run = recording.Run(challenge);
            if (run.DecidedAt is not { } decided || run.NoseFaces.Count < 2)
            {
                continue;
            }

            var first = IndexOf(recording, run.NoseFaces[0]);
            var last = run.NoseFaces[^1];
            var facePx = last.BoundingBox.Width * recording.Width;
            var yawFirst = recording.TruthYaw[first];
            var yawDecision = recording.TruthYaw[decided];
            rows.Add(new Row(
                recording.Name,
                recording.FrameSize,
                ReadTruth(Path.Combine(folder, recording.Name + ".json"), first, decided, out var noseShift),
                run.ReasonLabel,
                recording.Run(off).Passed,
                recording.Turn,
                Math.Abs(yawFirst),
                Math.Abs(yawDecision),
                Math.Abs(yawDecision - yawFirst),
                run.NoseFaces.Count,
                first,
                facePx,
                facePx / recording.Width,
                last.BoundingBox.Height,
                0.8 * recording.Width / facePx,
                run.NoseFaces[0].Pose.Yaw,
                last.Pose.Yaw,
                run.Parallax,
                Spread(last, recording.Width, recording.Height),
                noseShift / facePx));
        }

        rows.Should().NotBeEmpty();
        var threshold = new NoseChallengeOptions().MinDepthParallax;
        var report = new StringBuilder();
        report.AppendLine("## Genuine sessions by frame size (sessions decided in the nose state with at least two nose-state faces)");
        report.AppendLine();
        report.AppendLine("Medians per frame size. swept: |rendered yaw at the decision − at the first nose-state frame|; focal/face: the renderer's focal length (0.8 × width) over the face box width at the decision, i.e. the camera distance in face widths; parallax/sin(swept): the statistic per unit of turn the nose state saw.");
        report.AppendLine();
        report.AppendLine("| frame | n | rejected by flat-object | turn planned | yaw at first nose frame | yaw at decision | swept | nose frames | first nose frame | face px | face / width | face / height | focal/face | nose shift / face | parallax | parallax / sin(swept) | eye-to-mouth / face |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Size).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var g = group.ToList();
            report.AppendLine(Invariant($"| {group.Key} | {g.Count} | {g.Count(r => r.Reason == "flatObject")} | {Median(g, r => r.Turn):0.0} | {Median(g, r => r.YawFirst):0.0} | {Median(g, r => r.YawDecision):0.0} | {Median(g, r => r.Swept):0.0} | {Median(g, r => r.NoseFrames):0} | {Median(g, r => r.FirstNoseFrame):0} | {Median(g, r => r.FacePx):0} | {Median(g, r => r.FaceOfWidth):0.000} | {Median(g, r => r.FaceOfHeight):0.000} | {Median(g, r => r.FocalOverFace):0.00} | {Median(g, r => r.NoseShiftOfFace):0.000} | {Median(g, r => r.Parallax):0.0000} | {Median(g, r => PerTurn(r)):0.0000} | {Median(g, r => r.Spread):0.000} |"));
        }

        report.AppendLine();
        report.AppendLine("Sessions the reference rules pass (flat-object check off), and how many of them the flat-object check rejects; user 2 is sample1-2 (the identity the frontalisation could not bring to frontal):");
        report.AppendLine();
        report.AppendLine("| frame | pass the reference rules | flat-object rejects | … swept < 10° | … swept 10–15° | … swept ≥ 15° | without user 2: pass the rules / flat-object rejects | without user 2, every verdict: n / flat-object rejects | sessions with swept < 10° (every verdict) |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Size).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var passing = group.Where(r => r.PassesReferenceRules).ToList();
            var flat = passing.Where(r => r.Reason == "flatObject").ToList();
            var others = passing.Where(r => r.Identity != "2").ToList();
            report.AppendLine(Invariant($"| {group.Key} | {passing.Count} | {flat.Count} | {flat.Count(r => r.Swept < 10)} | {flat.Count(r => r.Swept >= 10 && r.Swept < 15)} | {flat.Count(r => r.Swept >= 15)} | {others.Count} / {others.Count(r => r.Reason == "flatObject")} | {group.Count(r => r.Identity != "2")} / {group.Count(r => r.Identity != "2" && r.Reason == "flatObject")} | {group.Count(r => r.Swept < 10)} of {group.Count()} |"));
        }

        report.AppendLine();
        report.AppendLine("Parallax per unit of swept turn, by swept turn (median, n) per frame size:");
        report.AppendLine();
        report.AppendLine("| swept | " + string.Join(" | ", rows.Select(r => r.Size).Distinct().Order(StringComparer.Ordinal)) + " |");
        report.AppendLine("|---|---|---|---|");
        foreach (var (lo, hi) in new[] { (0.0, 10.0), (10.0, 15.0), (15.0, 20.0), (20.0, 90.0) })
        {
            var cells = rows.Select(r => r.Size).Distinct().Order(StringComparer.Ordinal).Select(size =>
            {
                var bin = rows.Where(r => r.Size == size && r.Swept >= lo && r.Swept < hi).ToList();
                return bin.Count == 0 ? "–" : Invariant($"{Median(bin, PerTurn):0.0000} ({bin.Count}; parallax {Median(bin, r => r.Parallax):0.0000})");
            });
            report.AppendLine(Invariant($"| {lo:0}–{hi:0}° | ") + string.Join(" | ", cells) + " |");
        }

        report.AppendLine();
        report.AppendLine(Invariant($"Threshold (MinDepthParallax): {threshold:0.0000}."));
        report.AppendLine();
        report.AppendLine("| recording | frame | user | verdict | reference rules | turn | yaw first | yaw decision | swept | nose frames | first | face px | focal/face | nose shift / face | reported yaw first / decision | parallax | parallax/sin(swept) |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows.OrderBy(r => r.Size, StringComparer.Ordinal).ThenBy(r => r.Swept))
        {
            report.AppendLine(Invariant($"| {r.Name} | {r.Size} | {r.Identity} | {r.Reason} | {(r.PassesReferenceRules ? "pass" : "reject")} | {r.Turn:0.0} | {r.YawFirst:0.0} | {r.YawDecision:0.0} | {r.Swept:0.0} | {r.NoseFrames} | {r.FirstNoseFrame} | {r.FacePx:0} | {r.FocalOverFace:0.00} | {r.NoseShiftOfFace:0.000} | {r.ReportedYawFirst:0.0} / {r.ReportedYawDecision:0.0} | {r.Parallax:0.0000} | {PerTurn(r):0.0000} |"));
        }

        report.AppendLine();
        report.AppendLine(GeometryReport());
        EvidenceArtifacts.Write("frame-size.md", report.ToString());
    }

    /// <summary>
    /// The statistic on noise-free projections of the generic face model (<see cref="GenericFace"/>) turning about a
    /// vertical axis 0.65 face widths behind the nose tip, at each frame size's corpus camera (focal 0.8 × width, face
    /// 56 % of the area box width), with and without the slide that brings the nose onto a target 60 px off centre.
    /// </summary>
    private static string GeometryReport()
    {
        var report = new StringBuilder();
        report.AppendLine("## The same statistic on noise-free projections of the generic face (geometry only)");
        report.AppendLine();
        report.AppendLine("| frame | face px | focal/face | turn | parallax, turn only | parallax, turn + slide to a target 60 px off centre |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var (width, height) in new[] { (480, 480), (640, 480), (1280, 720) })
        {
            var areaWidth = Math.Min(width * 0.75, height * 0.75 * 0.75);
            var facePx = 0.56 * areaWidth;
            foreach (var turn in new[] { 5.0, 10.0, 15.0, 20.0 })
            {
                var still = GenericFace.Project(width, height, facePx, 0, 0);
                var turned = GenericFace.Project(width, height, facePx, turn, 0);
                var slid = GenericFace.Project(width, height, facePx, turn, 60);
                var a = FlatObjectCheck.Statistic([still, turned], width, height);
                var b = FlatObjectCheck.Statistic([still, slid], width, height);
                report.AppendLine(Invariant($"| {width}x{height} | {facePx:0} | {0.8 * width / facePx:0.00} | {turn:0}° | {a:0.0000} | {b:0.0000} |"));
            }
        }

        return report.ToString();
    }

    private static double PerTurn(Row r) => r.Swept < 1 ? double.NaN : r.Parallax / Math.Sin(r.Swept * Math.PI / 180);

    private static int IndexOf(CorpusRecording recording, FaceDetails face)
    {
        for (var i = 0; i < recording.Frames.Count; i++)
        {
            if (recording.Frames[i].Faces.Any(f => ReferenceEquals(f, face)))
            {
                return i;
            }
        }

        throw new InvalidOperationException("nose-state face not found in its recording");
    }

    // Mean distance between the eye centres and the mouth centre, over the face box width: how large the inner face
    // the landmarks span is relative to the box the statistic divides by.
    private static double Spread(FaceDetails face, int width, int height)
    {
        face.TryGetLandmark(LandmarkType.EyeLeft, out var l);
        face.TryGetLandmark(LandmarkType.EyeRight, out var r);
        face.TryGetLandmark(LandmarkType.MouthLeft, out var ml);
        face.TryGetLandmark(LandmarkType.MouthRight, out var mr);
        var ex = (l.X + r.X) / 2 * width;
        var ey = (l.Y + r.Y) / 2 * height;
        var mx = (ml.X + mr.X) / 2 * width;
        var my = (ml.Y + mr.Y) / 2 * height;
        return Math.Sqrt(((ex - mx) * (ex - mx)) + ((ey - my) * (ey - my))) / (face.BoundingBox.Width * width);
    }

    // The recording's identity, and the rendered nose tip's displacement (pixels) from the first nose-state frame to the decision.
    private static string ReadTruth(string path, int first, int decided, out double noseShift)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var corpus = document.RootElement.GetProperty("corpus");
        var truth = corpus.GetProperty("truth");
        var a = truth[first];
        var b = truth[decided];
        var dx = b.GetProperty("noseX").GetDouble() - a.GetProperty("noseX").GetDouble();
        var dy = b.GetProperty("noseY").GetDouble() - a.GetProperty("noseY").GetDouble();
        noseShift = Math.Sqrt((dx * dx) + (dy * dy));
        return corpus.GetProperty("identity").ToString();
    }

    private static double Median<T>(IEnumerable<T> items, Func<T, double> value)
    {
        var values = items.Select(value).Where(v => !double.IsNaN(v)).Order().ToList();
        return values.Count == 0 ? double.NaN : values[values.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(
        string Name,
        string Size,
        string Identity,
        string Reason,
        bool PassesReferenceRules,
        double Turn,
        double YawFirst,
        double YawDecision,
        double Swept,
        int NoseFrames,
        int FirstNoseFrame,
        double FacePx,
        double FaceOfWidth,
        double FaceOfHeight,
        double FocalOverFace,
        double ReportedYawFirst,
        double ReportedYawDecision,
        double Parallax,
        double Spread,
        double NoseShiftOfFace);
}
