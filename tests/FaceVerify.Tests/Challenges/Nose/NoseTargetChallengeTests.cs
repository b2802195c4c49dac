using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.Challenges.Nose;

/// <summary>The nose scenarios of the reference (spec §4.2), replayed from recorded Rekognition FaceDetail fixtures, plus the fixes.</summary>
public class NoseTargetChallengeTests
{
    private static Replay Run(string fixture, NoseChallengeOptions? options = null)
        => ReplayFixture.Load($"nose/{fixture}.json").Run(options is null ? new NoseTargetChallenge() : new NoseTargetChallenge(Options.Create(options)));

    private static void ShouldPass(Replay replay, int atFrame)
    {
        replay.Verdict.Should().Be(ChallengeVerdict.Passed);
        replay.DecidedAtFrame.Should().Be(atFrame);
    }

    private static void ShouldFail(Replay replay, ChallengeReason reason, int atFrame)
    {
        replay.Verdict.Kind.Should().Be(VerdictKind.Failed);
        replay.Verdict.Reason.Should().Be(reason);
        replay.DecidedAtFrame.Should().Be(atFrame);
    }

    [Test]
    public void Evaluate_YawTowardsTargetWithDistance0141_Passes() => ShouldPass(Run("yaw-towards-target"), 7);

    [Test]
    public void Evaluate_YawZeroWithDistance0141_FailsWithInsufficientLandmarkMovement()
        => ShouldFail(Run("yaw-zero"), ChallengeReason.InsufficientLandmarkMovement, 7);

    [Test]
    public void Evaluate_YawZeroWithLargerShift_Passes() => ShouldPass(Run("yaw-zero-large-shift"), 7);

    [Test]
    public void Evaluate_YawAwayFromTarget_FailsWithTurnedAwayFromTarget()
        => ShouldFail(Run("yaw-away-from-target"), ChallengeReason.TurnedAwayFromTarget, 7);

    [Test]
    public void Evaluate_ZigZagNose_FailsWithTrajectoryNotSmooth() => ShouldFail(Run("zigzag"), ChallengeReason.TrajectoryNotSmooth, 7);

    [Test]
    public void Evaluate_FaceLeavesTolerantArea_FailsWithFaceOutsideArea()
        => ShouldFail(Run("face-leaves-area"), ChallengeReason.FaceOutsideArea, 4);

    [Test]
    public void Evaluate_FramesSpanning9996Ms_Passes() => ShouldPass(Run("timeout-9996ms"), 7);

    [Test]
    public void Evaluate_FramesSpanning10003Ms_FailsWithStateTimeout()
    {
        var replay = Run("timeout-10003ms");

        ShouldFail(replay, ChallengeReason.StateTimeout, 7);
        replay.Verdict.Detail.Should().Contain("'nose'");
    }

    [Test]
    public void Evaluate_TwoFacesBeforeTheGoodPath_FaceStateWaitsThenPasses() => ShouldPass(Run("two-faces-first"), 9);

    [Test]
    public void Evaluate_FirstGoodFrameAfterTenSeconds_FailsWithFaceStateTimeout()
    {
        var replay = Run("face-state-timeout");

        ShouldFail(replay, ChallengeReason.StateTimeout, 1);
        replay.Verdict.Detail.Should().Contain("'face'");
    }

    [Test]
    public void Evaluate_ZeroFaceFrameInNoseState_IsToleratedAndPasses_Fix14()
        => ShouldPass(Run("zero-face-frame-in-nose-state"), 8);

    [Test]
    public void Evaluate_ZeroFaceFrameWithNoTolerance_FailsWithFaceNotFound_Fix14()
        => ShouldFail(Run("zero-face-frame-in-nose-state", new NoseChallengeOptions { MaxFramesWithoutFace = 0 }), ChallengeReason.FaceNotFound, 4);

    [Test]
    public void Evaluate_ThirteenFramesWithoutFace_FailsWithFaceNotFound_Fix14()
    {
        var replay = Run("no-face-13-frames");

        ShouldFail(replay, ChallengeReason.FaceNotFound, 13);
        replay.Verdicts.Take(13).Should().OnlyContain(v => v.Kind == VerdictKind.Continue);
    }

    [Test]
    public void Evaluate_VerticalOnlyNosePath_DecidesWithoutCrashAsNotSmooth_Fix13()
    {
        // Constant X: numpy gives no residual and the reference crashed (HTTP 500). The best lower-degree fit is a
        // constant, so the Y spread counts as roughness: never easier than a full-rank path.
        var replay = Run("vertical-only");

        replay.Verdict.Reason.Should().Be(ChallengeReason.TrajectoryNotSmooth);
        replay.DecidedAtFrame.Should().NotBeNull();
    }

    [Test]
    public void Evaluate_ThreeTrajectoryPoints_WaitsForAFourthAndDecides_Fix13()
    {
        var replay = Run("three-trajectory-points");

        replay.Verdicts[2].Should().Be(ChallengeVerdict.Continue, "the nose reached the box with only 3 trajectory points");
        ShouldPass(replay, 3);
    }

    [Test]
    public void Evaluate_SecondFaceInNoseState_FailsWithMultipleFaces_Fix25()
        => ShouldFail(Run("two-faces-in-nose-state"), ChallengeReason.MultipleFaces, 1);

    [Test]
    public void Evaluate_LowConfidenceFace_DoesNotLeaveTheFaceState_Fix25()
    {
        var fixture = ReplayFixture.Load("nose/low-confidence-first.json");
        var evaluator = fixture.CreateEvaluator(new NoseTargetChallenge());
        var first = fixture.Frames[0];

        evaluator.Evaluate(first).Should().Be(ChallengeVerdict.Continue);
        var late = evaluator.Evaluate(fixture.Frames[1] with { ReceivedAt = first.ReceivedAt.AddMilliseconds(10_001) });

        late.Reason.Should().Be(ChallengeReason.StateTimeout);
        late.Detail.Should().Contain("'face'");
    }

    [Test]
    public void Evaluate_LowConfidenceFirstFrameThenGoodPath_Passes() => ShouldPass(Run("low-confidence-first"), 8);

    [Test]
    public void Evaluate_TrajectoryCapacityReached_FailsWithChallengeNotCompleted()
        => ShouldFail(Run("yaw-towards-target", new NoseChallengeOptions { MaxTrajectoryPoints = 4 }), ChallengeReason.ChallengeNotCompleted, 4);

    [Test]
    public void Evaluate_AfterDecision_KeepsTheVerdict()
    {
        var fixture = ReplayFixture.Load("nose/face-leaves-area.json");
        var evaluator = fixture.CreateEvaluator(new NoseTargetChallenge());
        var verdicts = fixture.Frames.Select(f => evaluator.Evaluate(f)).ToList();

        verdicts.Skip(4).Should().OnlyContain(v => v.Reason == ChallengeReason.FaceOutsideArea);
    }

    [Test]
    public void Evaluate_SameFramesTwice_GivesTheSameVerdicts()
    {
        var fixture = ReplayFixture.Load("nose/yaw-towards-target.json");

        fixture.Run(new NoseTargetChallenge()).Verdicts.Should().Equal(fixture.Run(new NoseTargetChallenge()).Verdicts);
    }

    [Test]
    public void Evaluate_ContinuingFrames_AllocateNothing()
    {
        var fixture = ReplayFixture.Load("nose/yaw-towards-target.json");
        fixture.Run(new NoseTargetChallenge());
        var evaluator = fixture.CreateEvaluator(new NoseTargetChallenge());
        evaluator.Evaluate(fixture.Frames[0]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i < 7; i++)
        {
            evaluator.Evaluate(fixture.Frames[i]);
        }

        var decision = fixture.Frames[7];
        var verdict = evaluator.Evaluate(decision);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        verdict.Should().Be(ChallengeVerdict.Passed);
        allocated.Should().Be(0);
    }

    [Test]
    public void CreateEvaluator_FrameSizeDiffersFromParameters_Throws()
    {
        var fixture = ReplayFixture.Load("nose/yaw-towards-target.json");

        new NoseTargetChallenge().Invoking(c => c.CreateEvaluator(new ChallengeEvaluatorArguments(fixture.Parameters, 640, 480, DateTimeOffset.UnixEpoch)))
            .Should().Throw<ArgumentException>().WithMessage("*480×480*640×480*");
    }

    [TestCase("""{"imageWidth":480,"imageHeight":480}""")]
    [TestCase("""{"imageWidth":200,"imageHeight":200,"areaLeft":25,"areaTop":25,"areaWidth":112,"areaHeight":150,"minFaceAreaPercent":40,"noseLeft":100,"noseTop":100,"noseWidth":20,"noseHeight":20}""")]
    [TestCase("""{"imageWidth":480,"imageHeight":480,"areaLeft":105,"areaTop":60,"areaWidth":0,"areaHeight":360,"minFaceAreaPercent":40,"noseLeft":293,"noseTop":262,"noseWidth":20,"noseHeight":20}""")]
    public void CreateEvaluator_InvalidParameters_Throws(string json)
    {
        new NoseTargetChallenge().Invoking(c => c.CreateEvaluator(new ChallengeEvaluatorArguments(JsonDocument.Parse(json).RootElement, 0, 0, DateTimeOffset.UnixEpoch)))
            .Should().Throw<ArgumentException>();
    }

    [Test]
    public void Constructor_InvalidOptions_Throws()
    {
        var act = () => new NoseTargetChallenge(Options.Create(new NoseChallengeOptions { MaxTrajectoryPoints = 3 }));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*MaxTrajectoryPoints*");
    }

    [Test]
    public void Type_IsNose() => new NoseTargetChallenge().Type.Should().Be("nose");
}
