using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace FaceVerify.Testing.Tests.Sequences;

/// <summary>Every pose sequence against the real <see cref="PoseChallenge"/>.</summary>
public class PoseSequencesTests
{
    private static readonly RequestedPose[] AllPoses =
        [.. from eyes in Enum.GetValues<PoseEyes>() from mouth in Enum.GetValues<PoseMouth>() select new RequestedPose { Eyes = eyes, Mouth = mouth }];

    private static PoseChallengeParameters Parameters(params RequestedPose[] poses)
        => new() { ImageWidth = 480, ImageHeight = 480, Poses = poses };

    private static IEnumerable<PoseChallengeParameters> AllPairs()
        => from first in AllPoses from second in AllPoses select Parameters(first, second);

    [Test]
    public void FaceShowing_EveryPoseAlone_PassesOnTheFirstFrame()
    {
        foreach (var pose in AllPoses)
        {
            var parameters = Parameters(pose);
            var run = ChallengeHarness.Run(new PoseChallenge(), parameters, FrameSequence.Create(480, 480).Add(PoseSequences.FaceShowing(pose)));

            run.Passed.Should().BeTrue($"{pose.Eyes}/{pose.Mouth}: {run}");
            run.DecidedAtFrame.Should().Be(0);
        }
    }

    [Test]
    public void FaceShowing_EveryPose_DoesNotShowAnIncompatiblePose()
    {
        // A face built for one pose must not pass a pose that needs something else (else a genuine sequence passes for the wrong reason).
        foreach (var shown in AllPoses)
        {
            foreach (var asked in AllPoses)
            {
                var compatible = shown.Mouth == asked.Mouth && (shown.Eyes == asked.Eyes || (asked.Eyes == PoseEyes.Open && shown.Eyes is PoseEyes.LookingLeft or PoseEyes.LookingRight));
                var run = ChallengeHarness.Run(new PoseChallenge(), Parameters(asked), FrameSequence.Create(480, 480).Add(PoseSequences.FaceShowing(shown)));

                run.Passed.Should().Be(compatible, $"showing {shown.Eyes}/{shown.Mouth}, asked {asked.Eyes}/{asked.Mouth}");
            }
        }
    }

    [Test]
    public void Genuine_EveryPairOfPoses_PassesOnTheFirstFrameOfTheSecondPose()
    {
        foreach (var parameters in AllPairs())
        {
            var run = ChallengeHarness.Run(new PoseChallenge(), parameters, PoseSequences.Genuine(parameters));

            run.Passed.Should().BeTrue(run.ToString());
            run.DecidedAtFrame.Should().BeLessThanOrEqualTo(2);
        }
    }

    [Test]
    public void Genuine_GeneratedParametersWithEightPoses_Passes()
    {
        var challenge = new PoseChallenge(Options.Create(new PoseChallengeOptions { PoseCount = 8 }));
        for (var i = 0; i < 100; i++)
        {
            var parameters = ChallengeHarness.CreateParameters<PoseChallengeParameters>(challenge, 640, 480);

            var run = ChallengeHarness.Run(challenge, parameters, PoseSequences.Genuine(parameters, framesPerPose: 1));

            run.Passed.Should().BeTrue(run.ToString());
            run.DecidedAtFrame.Should().Be(7, "generated consecutive poses are never compatible, so each frame completes one pose");
        }
    }

    [Test]
    public void Genuine_PosesInReverseOrder_DoNotPass()
    {
        var parameters = Parameters(new RequestedPose { Eyes = PoseEyes.Closed, Mouth = PoseMouth.Closed }, new RequestedPose { Eyes = PoseEyes.Open, Mouth = PoseMouth.Smile });
        var reversed = parameters with { Poses = [.. parameters.Poses.Reverse()] };

        var run = ChallengeHarness.Run(new PoseChallenge(), parameters, PoseSequences.Genuine(reversed));

        run.Passed.Should().BeFalse();
    }

    [Test]
    public void NeutralPhoto_GeneratedParameters_FailsWithStateTimeout()
    {
        var challenge = new PoseChallenge();
        using var random = RandomNumberGenerator.Create();
        for (var i = 0; i < 200; i++)
        {
            var parameters = ChallengeHarness.CreateParameters<PoseChallengeParameters>(challenge, 480, 480, random);

            var run = ChallengeHarness.Run(challenge, parameters, PoseSequences.NeutralPhoto(parameters));

            run.Reason.Should().Be(ChallengeReason.StateTimeout, run.ToString());
            run.DecidedAt.Should().Be(TimeSpan.FromMilliseconds(10_200));
        }
    }

    [Test]
    public void NeutralPhoto_SinglePoseOpenClosed_PassesAsInTheReference()
    {
        // The reference's single pose: a neutral photo shows OPEN/CLOSED. This is why PoseCount defaults to 2.
        var parameters = Parameters(new RequestedPose { Eyes = PoseEyes.Open, Mouth = PoseMouth.Closed });

        ChallengeHarness.Run(new PoseChallenge(), parameters, PoseSequences.NeutralPhoto(parameters)).Passed.Should().BeTrue();
    }

    [Test]
    public void SecondPersonAppears_FailsWithMultipleFaces()
    {
        var parameters = Parameters(new RequestedPose { Eyes = PoseEyes.Closed, Mouth = PoseMouth.Closed }, new RequestedPose { Eyes = PoseEyes.LookingLeft, Mouth = PoseMouth.Smile });

        var run = ChallengeHarness.Run(new PoseChallenge(), parameters, PoseSequences.SecondPersonAppears(parameters));

        run.Reason.Should().Be(ChallengeReason.MultipleFaces);
        run.DecidedAtFrame.Should().Be(1);
    }
}
