using System.Globalization;
using System.Text.Json;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Aws.Tests.Liveness;

/// <summary>
/// Liveness end to end through the real local engine, in process: <see cref="IChallengeSessionService"/> with default
/// options (the nose challenge only, since the server chooses the challenge; flat-object check, identity consistency with the engine's CompareFaces, and the local
/// engine's passive presentation-attack detector), fed with frames the corpus generator renders for each session's own
/// nose target (tools/local-aws/bin/render-sequence.js; docs/liveness-evidence.md). Rates, not single outcomes.
/// </summary>
[NonParallelizable]
public sealed class CorpusEndToEndTests
{
    private const int Size = 480;

    /// <summary>
    /// Genuine 30° head turns pass with every check on, and the person enrols with the session (the photo: a frontal
    /// portrait of the same face, tools/local-aws/bin/render-sequence.js <c>--reference-photos</c>; liveness required, the
    /// default). Before issue 14's identity binding of turned faces, 2 of these 4 failed <c>identity_mismatch</c> (the
    /// first frame against the 30°-turned deciding frame scored 87.5 and 89.6); now each frame is compared with the
    /// frame of nearest pose, and enrolment compares the photo with the most frontal frames.
    /// </summary>
    [Test]
    public async Task GenuineHeadTurnsOf30Degrees_AllPassAndEnrol()
    {
        var runs = new List<(VerificationResult Verify, EnrolmentResult? Enrolment)>();
        foreach (var seed in new[] { 2, 4, 6, 9 })
        {
            runs.Add(await RunAsync("genuine", seed, turn: 30, enrol: true));
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, runs.Select(o => $"{o.Verify.Status} {o.Verify.Reason} {o.Verify.Detail}; enrolment {o.Enrolment?.Reason} {o.Enrolment?.Similarity} {o.Enrolment?.Detail}")));
        runs.Should().OnlyContain(o => o.Verify.Status == SessionStatus.Passed, "genuine 30° head turns pass with every check on");
        runs.Should().OnlyContain(o => o.Enrolment != null && o.Enrolment.Succeeded, "the person who passed enrols with the session and a photo of her face");
    }

    /// <summary>
    /// The measurement behind docs/liveness-evidence.md ("End to end through the real engine"): genuine seeds 1–10 turned
    /// 15° and 30°, every check on, each passed session then enrolling with a frontal portrait of its face. Prints the
    /// per-turn table; asserts that identity binding rejects none of these genuine sessions.
    /// </summary>
    [Test]
    [Explicit("A measurement over 20 rendered sequences (about 15 minutes on 2 cores); run it by name.")]
    public async Task GenuineHeadTurns_Seeds1To10_Turns15And30_Measured()
    {
        var runs = new List<(double Turn, int Seed, VerificationResult Verify, EnrolmentResult? Enrolment)>();
        foreach (var turn in new[] { 15.0, 30.0 })
        {
            for (var seed = 1; seed <= 10; seed++)
            {
                var (verify, enrolment) = await RunAsync("genuine", seed, turn, enrol: true);
                TestContext.Out.WriteLine($"turn {turn} seed {seed}: {verify.Status} {verify.Reason} {verify.Detail}; enrolment {enrolment?.Reason} {enrolment?.Similarity:0.#}");
                runs.Add((turn, seed, verify, enrolment));
            }
        }

        TestContext.Out.WriteLine("| turn | n | passed verify | reasons | enrolled with the session | lowest enrolment similarity |");
        TestContext.Out.WriteLine("|---|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => r.Turn))
        {
            var failed = string.Join(", ", group.Where(r => r.Verify.Status != SessionStatus.Passed).GroupBy(r => r.Verify.Reason).Select(g => $"{g.Key} {g.Count()} (seeds {string.Join(" ", g.Select(r => r.Seed))})"));
            var enrolled = group.Where(r => r.Enrolment is { Succeeded: true }).ToList();
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {group.Key}° | {group.Count()} | {group.Count(r => r.Verify.Status == SessionStatus.Passed)} | {failed} | {enrolled.Count} | {(enrolled.Count == 0 ? "–" : enrolled.Min(r => r.Enrolment!.Similarity ?? 0).ToString("0.0", CultureInfo.InvariantCulture))} |"));
        }

        runs.Should().NotContain(r => r.Verify.Reason == ChallengeReason.IdentityMismatch, "identity binding rejects no genuine turn");
    }

    [Test]
    public async Task FlatPrintsAndDigitalBends_NonePass()
    {
        var outcomes = new List<(string Kind, VerificationResult Result)>();
        foreach (var (kind, seed) in new[] { ("tilt", 2), ("slide", 3), ("bend", 2) })
        {
            outcomes.Add((kind, (await RunAsync(kind, seed, turn: 30)).Verify));
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, outcomes.Select(o => $"{o.Kind}: {o.Result.Status} {o.Result.Reason} {o.Result.Detail}")));
        outcomes.Should().OnlyContain(o => o.Result.Status == SessionStatus.Failed);
    }

    /// <summary>
    /// A measurement, not a guarantee: prints bent around a cylinder or bulged at the face centre, turned 30° towards
    /// the target like a head. Measured: both passed (docs/liveness-evidence.md, "What none of this stops").
    /// </summary>
    [Test]
    [Explicit("A measurement of a known limit (3D-bent prints pass); run it by name.")]
    public async Task BentPrintsTurnedLikeAHead_Measured()
    {
        foreach (var (kind, seed) in new[] { ("cylinder", 2), ("bump", 3) })
        {
            var (result, _) = await RunAsync(kind, seed, turn: 30);
            TestContext.Out.WriteLine($"{kind}: {result.Status} {result.Reason} {result.Detail}");
            result.Status.Should().NotBe(SessionStatus.Created);
        }
    }

    private static async Task<(VerificationResult Verify, EnrolmentResult? Enrolment)> RunAsync(string kind, int seed, double turn, bool enrol = false)
    {
        await using var provider = await CorpusEngine.BuildAsync(seed, b => b.AddChallenge<NoseTargetChallenge>());
        var sessions = provider.GetRequiredService<IChallengeSessionService>();

        var user = $"corpus-{kind}-{seed}";
        var started = await sessions.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = Size, FrameHeight = Size }, default);
        started.Succeeded.Should().BeTrue(started.Detail);
        var frames = await CorpusEngine.RenderFramesAsync("--class", kind, "--seed", Invariant(seed), "--turn", Invariant(turn), "--parameters", started.Parameters!.Value.GetRawText());
        await CorpusEngine.SubmitAsync(sessions, started, frames, paced: false);

        var verify = await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
        if (!enrol || verify.Status != SessionStatus.Passed)
        {
            return (verify, null);
        }

        var collection = provider.GetRequiredService<RekognitionFaceCollection>();
        await collection.EnsureCollectionAsync();
        try
        {
            var photo = await ReferencePhotoAsync(kind, seed, turn, started.Parameters!.Value);
            var enrolment = await provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync(new EnrolmentRequest { UserId = user, Photo = photo, LivenessSessionId = started.SessionId }, default);
            return (verify, enrolment);
        }
        finally
        {
            await collection.DeleteCollectionAsync();
        }
    }

    /// <summary>A frontal portrait of the sequence's face (render-sequence.js --describe --reference-photos).</summary>
    private static async Task<byte[]> ReferencePhotoAsync(string kind, int seed, double turn, JsonElement parameters)
    {
        var folder = Directory.CreateTempSubdirectory("faceverify-reference-").FullName;
        try
        {
            var description = await CorpusEngine.RenderSequenceAsync("--class", kind, "--seed", Invariant(seed), "--turn", Invariant(turn), "--parameters", parameters.GetRawText(), "--describe", "--reference-photos", folder);
            using var json = JsonDocument.Parse(description);
            var id = json.RootElement.GetProperty("identity").GetProperty("id").GetString()!;
            return await File.ReadAllBytesAsync(Path.Combine(folder, id + ".jpg"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
