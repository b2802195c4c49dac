namespace FaceVerify.Testing.Tests.Sequences;

/// <summary>Every nose sequence against the real <see cref="NoseTargetChallenge"/>, for every target the challenge can draw.</summary>
public class NoseSequencesTests
{
    private static readonly NoseTargetChallenge Challenge = new();

    private static IEnumerable<(NoseChallengeParameters Parameters, ChallengeRun Run)> RunAll(int width, int height, Func<NoseChallengeParameters, FrameSequence> sequence)
        => NoseTargets.All(width, height).Select(p => (p, ChallengeHarness.Run(Challenge, p, sequence(p))));

    private static void AllShouldEndWith(IEnumerable<(NoseChallengeParameters Parameters, ChallengeRun Run)> runs, VerdictKind kind, ChallengeReason reason, Func<FrameSequence, int>? decidedAt = null, Func<NoseChallengeParameters, FrameSequence>? sequence = null)
    {
        var count = 0;
        foreach (var (parameters, run) in runs)
        {
            count++;
            run.Verdict.Kind.Should().Be(kind, $"target ({parameters.NoseLeft}, {parameters.NoseTop}):{Environment.NewLine}{run}");
            run.Reason.Should().Be(reason, $"target ({parameters.NoseLeft}, {parameters.NoseTop}):{Environment.NewLine}{run}");
            if (decidedAt is not null)
            {
                run.DecidedAtFrame.Should().Be(decidedAt(sequence!(parameters)), run.ToString());
            }
        }

        count.Should().Be(4800);
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    [TestCase(1280, 720)]
    public void Genuine_EveryTarget_PassesAtTheLastFrame(int width, int height)
    {
        static FrameSequence Sequence(NoseChallengeParameters p) => NoseSequences.Genuine(p);

        AllShouldEndWith(RunAll(width, height, Sequence), VerdictKind.Passed, ChallengeReason.Passed, s => s.Count - 1, Sequence);
    }

    [Test]
    public void Genuine_IsContinueUntilTheLastFrameThroughAllThreeStates()
    {
        var parameters = NoseTargets.Base(480, 480);
        var frames = NoseSequences.Genuine(parameters);

        var run = ChallengeHarness.Run(Challenge, parameters, frames);

        frames.Should().HaveCount(NoseSequences.DefaultPathFrames);
        run.Trace.Should().HaveCount(frames.Count);
        run.Trace.Take(frames.Count - 1).Should().OnlyContain(d => d.Verdict == ChallengeVerdict.Continue && d.FaceCount == 1);
        run.DecidedAt.Should().Be(TimeSpan.FromMilliseconds(200 * (frames.Count - 1)));
    }

    [Test]
    public void Genuine_LastFrame_HeadTurnedMoreThanFiveDegreesTowardsTheTarget()
    {
        foreach (var parameters in NoseTargets.All(480, 480).Take(200))
        {
            var last = NoseSequences.Genuine(parameters)[^1].Faces.Single();
            var towards = NoseTargets.OnTheRight(parameters) ? last.Pose.Yaw : -last.Pose.Yaw;

            towards.Should().BeApproximately(NoseSequences.DefaultFinalYaw, 1e-9);
        }
    }

    [Test]
    public void Genuine_WithoutHeadTurn_FailsWithInsufficientLandmarkMovement()
    {
        // The same path with yaw 0: the landmark layout does not change, so the turn is what makes the genuine path pass.
        var parameters = NoseTargets.Base(640, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.Genuine(parameters, finalYaw: 0));

        run.Reason.Should().Be(ChallengeReason.InsufficientLandmarkMovement);
    }

    [Test]
    public void Genuine_SmallTurnOf4Degrees_IsNotEnoughAndFails()
    {
        // Below the 5° rotation threshold the landmarks must move twice as much (0.15), which a 4° turn does not do.
        var parameters = NoseTargets.Base(480, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.Genuine(parameters, finalYaw: 4));

        run.Reason.Should().Be(ChallengeReason.InsufficientLandmarkMovement);
    }

    [TestCase(4)]
    [TestCase(6)]
    [TestCase(30)]
    public void Genuine_OtherFrameCounts_PassAtTheLastFrame(int frames)
    {
        var parameters = NoseTargets.Base(480, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.Genuine(parameters, frames));

        run.Passed.Should().BeTrue(run.ToString());
        run.DecidedAtFrame.Should().Be(frames - 1);
    }

    [Test]
    public void Genuine_FramesTooSlowForTheStateTimeout_FailsWithStateTimeout()
    {
        var parameters = NoseTargets.Base(480, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.Genuine(parameters, interval: TimeSpan.FromSeconds(1.2)));

        run.Reason.Should().Be(ChallengeReason.StateTimeout);
        run.Detail.Should().Contain("'nose'");
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    public void RigidPhoto_EveryTarget_FailsWithInsufficientLandmarkMovementAtTheLastFrame(int width, int height)
    {
        static FrameSequence Sequence(NoseChallengeParameters p) => NoseSequences.RigidPhoto(p);

        AllShouldEndWith(RunAll(width, height, Sequence), VerdictKind.Failed, ChallengeReason.InsufficientLandmarkMovement, s => s.Count - 1, Sequence);
    }

    [Test]
    public void RigidPhoto_EveryFrame_HasTheSameLandmarkLayoutAsTheFirst()
    {
        var frames = NoseSequences.RigidPhoto(NoseTargets.Base(480, 480));
        var first = frames[0].Faces.Single();

        foreach (var frame in frames)
        {
            var face = frame.Faces.Single();
            var dx = face.BoundingBox.Left - first.BoundingBox.Left;
            var dy = face.BoundingBox.Top - first.BoundingBox.Top;
            face.Pose.Yaw.Should().Be(0);
            for (var i = 0; i < face.Landmarks.Count; i++)
            {
                face.Landmarks[i].Type.Should().Be(first.Landmarks[i].Type);
                (face.Landmarks[i].X - dx).Should().BeApproximately(first.Landmarks[i].X, 1e-12);
                (face.Landmarks[i].Y - dy).Should().BeApproximately(first.Landmarks[i].Y, 1e-12);
            }
        }
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    public void StaticFace_EveryTarget_FailsWithStateTimeoutInTheNoseState(int width, int height)
        => AllShouldEndWith(RunAll(width, height, p => NoseSequences.StaticFace(p)), VerdictKind.Failed, ChallengeReason.StateTimeout);

    [Test]
    public void StaticFace_DecidesAtTheFirstFrameAfterTenSeconds()
    {
        var parameters = NoseTargets.Base(480, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.StaticFace(parameters));

        run.DecidedAt.Should().Be(TimeSpan.FromMilliseconds(10_200));
        run.Detail.Should().Contain("'nose'");
    }

    [Test]
    public void StaticFace_ShorterThanTheTimeout_IsUndecidedAndWouldNotComplete()
    {
        var parameters = NoseTargets.Base(480, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.StaticFace(parameters, TimeSpan.FromSeconds(3)));

        run.IsDecided.Should().BeFalse();
        run.Reason.Should().Be(ChallengeReason.ChallengeNotCompleted);
        run.Trace.Should().HaveCount(16);
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    public void SecondPersonAppears_EveryTarget_FailsWithMultipleFacesWhereTheyAppear(int width, int height)
    {
        static FrameSequence Sequence(NoseChallengeParameters p) => NoseSequences.SecondPersonAppears(p);

        AllShouldEndWith(RunAll(width, height, Sequence), VerdictKind.Failed, ChallengeReason.MultipleFaces, _ => 5, Sequence);
    }

    [TestCase(1)]
    [TestCase(8)]
    public void SecondPersonAppears_AtOtherFrames_FailsThere(int atFrame)
    {
        var parameters = NoseTargets.Base(480, 480);

        var run = ChallengeHarness.Run(Challenge, parameters, NoseSequences.SecondPersonAppears(parameters, atFrame));

        run.Reason.Should().Be(ChallengeReason.MultipleFaces);
        run.DecidedAtFrame.Should().Be(atFrame);
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    public void ReplayedFromOtherSession_EveryTarget_DoesNotPass(int width, int height)
        => AllShouldEndWith(
            RunAll(width, height, p => NoseSequences.ReplayedFrom(NoseSequences.OtherSession(p))),
            VerdictKind.Continue,
            ChallengeReason.ChallengeNotCompleted);

    [Test]
    public void ReplayedFrom_TheSameSession_Passes()
    {
        // The replay is a genuine path: it is the other session's target that defeats it, not its shape.
        var parameters = NoseTargets.Base(480, 480);

        ChallengeHarness.Run(Challenge, parameters, NoseSequences.ReplayedFrom(parameters)).Passed.Should().BeTrue();
    }

    [Test]
    public void OtherSession_MirrorsTheTargetAndKeepsTheRest()
    {
        var parameters = NoseTargets.Base(480, 480) with { NoseLeft = 300, NoseTop = 250 };

        var other = NoseSequences.OtherSession(parameters);

        other.Should().BeEquivalentTo(parameters with { NoseLeft = 160, NoseTop = 210 });
        NoseSequences.OtherSession(other).Should().Be(parameters);
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    public void TurnedAway_EveryTarget_FailsWithTurnedAwayFromTargetAtTheLastFrame(int width, int height)
    {
        static FrameSequence Sequence(NoseChallengeParameters p) => NoseSequences.TurnedAway(p);

        AllShouldEndWith(RunAll(width, height, Sequence), VerdictKind.Failed, ChallengeReason.TurnedAwayFromTarget, s => s.Count - 1, Sequence);
    }

    [TestCase(480, 480)]
    [TestCase(640, 480)]
    public void Zigzag_EveryTarget_FailsWithTrajectoryNotSmoothAtTheLastFrame(int width, int height)
    {
        static FrameSequence Sequence(NoseChallengeParameters p) => NoseSequences.Zigzag(p);

        AllShouldEndWith(RunAll(width, height, Sequence), VerdictKind.Failed, ChallengeReason.TrajectoryNotSmooth, s => s.Count - 1, Sequence);
    }

    [Test]
    public void Genuine_TooFewFrames_Throws()
    {
        var act = () => NoseSequences.Genuine(NoseTargets.Base(480, 480), frames: 3);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void Genuine_CarriesTheFrameSizeOfTheParameters()
    {
        var frames = NoseSequences.Genuine(NoseTargets.Base(640, 480));

        (frames.FrameWidth, frames.FrameHeight).Should().Be((640, 480));
    }
}
