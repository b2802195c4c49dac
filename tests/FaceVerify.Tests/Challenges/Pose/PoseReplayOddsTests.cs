using System.Security.Cryptography;
using System.Text.Json;
using FaceVerify.Testing;

namespace FaceVerify.Tests.Challenges.Pose;

/// <summary>
/// How often a replayed recording passes a fresh pose session with the default options (2 poses): a recording that
/// loops the frames of one session passes a new session only when every pose the new session draws is among the poses
/// recorded (the loop then shows them in any order). Measured over CSPRNG draws; figures in docs/challenges.md.
/// </summary>
public class PoseReplayOddsTests
{
    private const int Samples = 48_000;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static double PassRate(params RequestedPose[] recorded)
    {
        var frames = recorded.Select(p => PoseSequences.FaceShowing(p).Build()).ToArray();
        var challenge = new PoseChallenge();
        using var random = RandomNumberGenerator.Create();
        var passed = 0;
        for (var i = 0; i < Samples; i++)
        {
            var poses = challenge.CreateParameters(new ChallengeParametersArguments(480, 480, random)).Deserialize<PoseChallengeParameters>(Web)!.Poses;
            if (poses.All(pose => frames.Any(f => PoseMatcher.Match([f], pose) == ChallengeReason.None)))
            {
                passed++;
            }
        }

        return (double)passed / Samples;
    }

    [Test]
    public void Replay_OfALeftThenRightSession_PassesAFreshSessionOnceIn24()
    {
        var rate = PassRate(new RequestedPose { Eyes = PoseEyes.LookingLeft, Mouth = PoseMouth.Closed }, new RequestedPose { Eyes = PoseEyes.LookingRight, Mouth = PoseMouth.Closed });

        // exactly 2 x 1/8 x 1/6 = 1/24 (4.2 %): the session must draw one of the two recorded poses first and the other second
        rate.Should().BeApproximately(1.0 / 24, 0.005);
    }

    [Test]
    public void Replay_OfARecordingShowingAllEightPoses_PassesEverySession()
    {
        // The known limit of a pose sequence: frames are judged in order, not against when each prompt was shown, so a
        // recording of the same person cycling through all 8 poses passes any session (see docs/challenges.md).
        var all = Enum.GetValues<PoseEyes>().SelectMany(e => Enum.GetValues<PoseMouth>().Select(m => new RequestedPose { Eyes = e, Mouth = m })).ToArray();

        PassRate(all).Should().Be(1.0);
    }
}
