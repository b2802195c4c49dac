using System.Security.Cryptography;
using FaceVerify.SecurityTests.Infrastructure;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Attacks;

/// <summary>
/// Attacks on the sparse analysis strategy (the default) through the HTTP endpoints: the attacker hopes that the frames
/// it doctors are the ones the server does not analyse. Frames at 12 fps, so most frames are skipped. The defences:
/// sampled frames are jittered and audit frames drawn with the CSPRNG after the fact (the attacker cannot know which
/// frames are looked at), every analysed frame joins the decision and the identity check, and a frame that was not
/// analysed is used by nothing (not the decision, not the face-login probe, not the identity reference).
/// </summary>
public sealed class SparseAnalysisAttackTests
{
    private const int Sessions = 20;
    private static readonly TimeSpan TwelveFps = TimeSpan.FromSeconds(1 / 12.0);

    private SecurityHost _host = null!;
    private HttpClient _alice = null!;

    [SetUp]
    public async Task SetUp()
    {
        _host = await SecurityHost.StartAsync(
            core: o =>
            {
                o.AllowClientChallengeType = true;
                o.MaxSessionsPerUser = 1000;
                o.AnalysisStrategy = FrameAnalysisStrategy.Sparse;
            },
            endpoints: o => o.EnableRateLimiting = false);
        _alice = _host.Client("alice");
    }

    [TearDown]
    public async Task TearDown()
    {
        _alice.Dispose();
        await _host.DisposeAsync();
    }

    [TestCase("nose")]
    [TestCase("pose")]
    public async Task OneFrameOfAnotherPerson_AtARandomPosition_IsAnalysedOnlyToFailIdentityMismatch(string type)
    {
        // The attacker slips one frame of someone else into an otherwise genuine session, hoping it ends up in a passed
        // session's evidence (a probe for face login, an audit image). Either it is analysed — and then it is compared
        // with the deciding frame and the session fails identity_mismatch — or it is not, and nothing ever reads it.
        var caught = 0;
        for (var i = 0; i < Sessions; i++)
        {
            var session = await _alice.StartAsync(_host, type: type);
            var frames = type == "nose"
                ? NoseSequences.Genuine(session.Nose(), 30, interval: TwelveFps)
                : PoseSequences.Genuine(session.Pose(), 15, TwelveFps);
            var substituted = 1 + RandomNumberGenerator.GetInt32(frames.Count - 2);
            var verdict = await _alice.PlayAsync(_host, session, frames, personSwitch: (index, _) => index == substituted);

            var stored = await _host.Services.GetRequiredService<IAttemptStore>().GetFramesAsync(session.Id, CancellationToken.None);
            var record = stored.SingleOrDefault(f => f.Sequence == substituted);
            if (verdict.Success)
            {
                // The identity check covers every analysed frame (not only those up to the decision: an audit frame can move
                // the decision before a frame analysed earlier, and face login reads the frames up to the session's
                // decided-at mark), so a passed session holds no analysed frame of another person.
                (record?.Analysis).Should().BeNull($"a passed session never analysed the substituted frame {substituted} (session {i})");
            }
            else
            {
                verdict.Reason.Should().Be("identity_mismatch", verdict.ToString());
                record!.Analysis.Should().NotBeNull();
                caught++;
            }
        }

        TestContext.Out.WriteLine($"{type}: the substituted frame was analysed (and the session failed identity_mismatch) in {caught} of {Sessions} sessions");
    }

    [Test]
    public async Task Nose_SecondFaceOnEveryFrameTheAttackerGuessesIsSkipped_IsCaught()
    {
        // The attacker knows the strategy (first frame, a probe about a second later, then frames towards the predicted
        // target, plus audits) and shows a clean genuine path only on the frames it expects to be analysed — frame 0,
        // frames 9 to 12 and the last six — with a second face everywhere else. Jittered samples and CSPRNG audit
        // frames land on the doctored frames.
        var passed = 0;
        for (var i = 0; i < Sessions; i++)
        {
            var session = await _alice.StartAsync(_host, type: "nose");
            var genuine = NoseSequences.Genuine(session.Nose(), 60, interval: TwelveFps);
            var intruder = Face.At(0.02, 0.02, 0.15, 0.2).Build();
            var doctored = genuine.Select((frame, index) => index == 0 || index is >= 9 and <= 12 || index >= 54
                ? frame
                : frame with { Faces = [.. frame.Faces, intruder] });
            var verdict = await _alice.PlayAsync(_host, session, doctored);
            if (verdict.Success)
            {
                passed++;
            }
            else
            {
                verdict.Reason.Should().Be("multiple_faces", verdict.ToString());
            }
        }

        passed.Should().Be(0, "every doctored session must fail");
    }
}
