using System.Globalization;
using System.Text.Json;
using System.Text;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Aws.Tests.Liveness;

/// <summary>
/// Substitution and a second face, end to end with identity binding: the liveness corpus's <c>subst1</c> (one frame of
/// another person in the nose state), <c>substN</c> (another person from two frames before the decision on) and
/// <c>second</c> (another person's face entering) sequences, rendered by tools/local-aws/bin/render-sequence.js with the
/// corpus's identities, frame size, turn and camera effects of the same class and seed (<c>--as-corpus</c>) for each
/// live session's own nose target, run through <see cref="IChallengeSessionService"/> and the local engine with every
/// check on (flat-object check, identity consistency with the engine's CompareFaces, the passive detector), then face
/// login through <see cref="IFaceLoginService"/> as the VICTIM: the other person, whose reference photo (a frontal
/// render of the same face, tools/local-aws/bin/render-sequence.js <c>--reference-photos</c>) is the account's
/// enrolment. The attacker's wish: the frames of the victim's face in a session their own head performed let them log
/// in as the victim. docs/liveness-evidence.md, "Substitution with identity binding".
/// </summary>
[NonParallelizable]
public sealed class CorpusSubstitutionEndToEndTests
{
    private static readonly string[] Classes = ["subst1", "substN", "second"];

    /// <summary>
    /// A one-frame and a multi-frame substitution whose nose challenge the attacker's head completes (seed 2 of each;
    /// seed 1 fails earlier, for other reasons): only identity binding stops them. The strategy is set to
    /// <see cref="FrameAnalysisStrategy.EveryFrame"/> because the identity check compares the ANALYSED frames, and only
    /// that strategy is sure to analyse the substituted one (Sparse: see the next test).
    /// </summary>
    /// <remarks>With the seeded target of substN-2 the attacker's head does not reach the target before the substituted
    /// frames end the turn (challenge not completed); with random targets it was identity_mismatch in one run.</remarks>
    [TestCase("subst1", 2, ChallengeReason.IdentityMismatch)]
    [TestCase("substN", 2, ChallengeReason.ChallengeNotCompleted)]
    public async Task Substitution_EveryFrameAnalysed_FailsNeverLogsInAsTheVictim(string kind, int seed, ChallengeReason expected)
    {
        var run = await RunAsync(kind, seed, FrameAnalysisStrategy.EveryFrame);
        TestContext.Out.WriteLine(run);

        run.Enrolled.Should().BeTrue($"the victim's reference is enrolled: {run}");
        run.Verify.Reason.Should().Be(expected, run.ToString());
        run.Login.Succeeded.Should().BeFalse(run.ToString());
    }

    /// <summary>
    /// A one-frame substitution under <see cref="FrameAnalysisStrategy.Sparse"/>, which does not analyse every frame:
    /// the frames it analyses depend on random gaps, so its verdict varies between runs. Measured for seed 1: verify
    /// PASSED in one run (the substituted frame was never analysed, so neither the challenge nor the identity check saw
    /// it) and failed the flat-object check in another; face login as the victim compares her reference with the live
    /// person's frames and was refused (similarity 78). Whatever verify says, the victim's account is not entered.
    /// </summary>
    [Test]
    public async Task OneFrameSubstitution_SparseAnalysis_NeverLogsInAsTheVictim()
    {
        var run = await RunAsync("subst1", 1, FrameAnalysisStrategy.Sparse);
        TestContext.Out.WriteLine(run);

        run.Enrolled.Should().BeTrue($"the victim's reference is enrolled: {run}");
        run.Login.Succeeded.Should().BeFalse(run.ToString());
        run.Login.Reason.Should().BeOneOf([FaceLoginReason.FaceMismatch, FaceLoginReason.SessionNotPassed], run.ToString());
    }

    /// <summary>
    /// The measurement behind docs/liveness-evidence.md: seeds 1–4 of each class under the default analysis strategy
    /// and under <see cref="FrameAnalysisStrategy.Sparse"/> (which analyses only some frames, so the identity check sees
    /// only those). Prints the per-class table; asserts that no run logs in as the victim.
    /// </summary>
    [Test]
    [Explicit("A measurement over 12 rendered sequences, twice (about 20 minutes on 2 cores); run it by name.")]
    public async Task SubstitutionAndSecondFace_Seeds1To4_Measured()
    {
        var report = new StringBuilder();
        var runs = new List<(string Strategy, Run Run)>();
        foreach (var strategy in new FrameAnalysisStrategy?[] { null, FrameAnalysisStrategy.Sparse })
        {
            var name = strategy?.ToString() ?? "default (" + new FaceVerificationOptions().AnalysisStrategy + ")";
            foreach (var kind in Classes)
            {
                for (var seed = 1; seed <= 4; seed++)
                {
                    var run = await RunAsync(kind, seed, strategy);
                    TestContext.Out.WriteLine($"{name}: {run}");
                    runs.Add((name, run));
                }
            }
        }

        report.AppendLine("| strategy | class | n | passed verify | passed face login as the victim | verify reasons |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var group in runs.GroupBy(r => (r.Strategy, r.Run.Kind)))
        {
            var list = group.Select(g => g.Run).ToList();
            var reasons = string.Join(", ", list.Where(r => r.Verify.Status != SessionStatus.Passed).GroupBy(r => r.Verify.Reason).Select(g => $"{g.Key} {g.Count()}"));
            report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Strategy} | {group.Key.Kind} | {list.Count} | {list.Count(r => r.Verify.Status == SessionStatus.Passed)} | {list.Count(r => r.Login.Succeeded)} | {reasons} |");
        }

        TestContext.Out.WriteLine(report.ToString());
        runs.Should().OnlyContain(r => r.Run.Enrolled, "every victim's reference is enrolled");
        runs.Should().NotContain(r => r.Run.Login.Succeeded, "no substitution logs in as the victim");
    }

    private static async Task<Run> RunAsync(string kind, int seed, FrameAnalysisStrategy? analysisStrategy)
    {
        var folder = Directory.CreateTempSubdirectory("faceverify-subst-").FullName;
        try
        {
            using var description = JsonDocument.Parse(await CorpusEngine.RenderSequenceAsync("--class", kind, "--seed", Invariant(seed), "--describe", "--reference-photos", folder));
            var spec = description.RootElement;
            var (width, height) = (spec.GetProperty("width").GetInt32(), spec.GetProperty("height").GetInt32());
            var victim = spec.GetProperty("other").GetProperty("id").GetString()!;

            // Challenge and check options are the defaults (the strategy only where the measurement sets it). One more
            // deviation, not on the attack's path: the victim's reference is planted without a liveness session of her
            // own (the enrolment's own rules are EnrolmentAttackTests'; here the victim is enrolled, the attacker logs in).
            await using var provider = await CorpusEngine.BuildAsync(seed, b => b.AddChallenge<NoseTargetChallenge>(), o =>
            {
                o.RequireLivenessForEnrolment = false;
                if (analysisStrategy is { } strategy)
                {
                    o.AnalysisStrategy = strategy;
                }
            });
            var collection = provider.GetRequiredService<RekognitionFaceCollection>();
            await collection.EnsureCollectionAsync();
            try
            {
                var user = $"victim-{kind}-{seed}";
                var enrolment = await provider.GetRequiredService<IFaceEnrolmentService>().EnrolAsync(user, await File.ReadAllBytesAsync(Path.Combine(folder, victim + ".jpg")), default);

                var sessions = provider.GetRequiredService<IChallengeSessionService>();
                var started = await sessions.StartAsync(new StartChallengeRequest { UserId = user, FrameWidth = width, FrameHeight = height }, default);
                started.Succeeded.Should().BeTrue(started.Detail);
                // Submitted at the sequence's own pace (12 fps with jitter), as a camera would: the sparse strategy's
                // choice of frames depends on their receive times.
                var frames = await CorpusEngine.RenderFramesAsync("--class", kind, "--seed", Invariant(seed), "--as-corpus", "--parameters", started.Parameters!.Value.GetRawText());
                await CorpusEngine.SubmitAsync(sessions, started, frames, paced: true);

                var verify = await sessions.VerifyAsync(started.SessionId!, new SessionAccess(started.SessionToken), default);
                var login = await provider.GetRequiredService<IFaceLoginService>().LoginAsync(user, started.SessionId!, default);
                return new Run(kind, seed, $"{spec.GetProperty("identity").GetProperty("id").GetString()} with {victim}", enrolment.Succeeded, verify, login);
            }
            finally
            {
                await collection.DeleteCollectionAsync();
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(string Kind, int Seed, string People, bool Enrolled, VerificationResult Verify, FaceLoginResult Login)
    {
        public override string ToString()
            => $"{Kind}-{Seed} ({People}): enrolled {Enrolled}; verify {Verify.Status} {Verify.Reason} {Verify.Detail}; login as the victim {Login.Reason} {Login.Similarity} {Login.Detail}";
    }
}
