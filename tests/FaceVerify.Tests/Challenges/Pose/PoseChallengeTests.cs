using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify.Tests.Challenges.Pose;

/// <summary>The pose rows of the reference suite (spec §7), replayed from recorded Rekognition FaceDetail fixtures, plus sequences.</summary>
public class PoseChallengeTests
{
    private static Replay Run(string fixture) => ReplayFixture.Load($"pose/{fixture}.json").Run(new PoseChallenge());

    [TestCase("open-closed-neutral")]
    [TestCase("open-smile-smile-mouth-open")]
    [TestCase("closed-closed-eyes-closed")]
    [TestCase("looking-left-pupil-left")]
    [TestCase("looking-right-pupil-right")]
    [TestCase("open-pupil-right")]
    [TestCase("confidence-90")]
    [TestCase("yaw-20")]
    [TestCase("good-first-bad-second")]
    public void Evaluate_ReferencePassingRow_PassesOnFirstFrame(string fixture)
    {
        var replay = Run(fixture);

        replay.Verdict.Should().Be(ChallengeVerdict.Passed);
        replay.DecidedAtFrame.Should().Be(0);
    }

    [TestCase("open-closed-smile", ChallengeReason.MouthMismatch)]
    [TestCase("open-smile-smile-only", ChallengeReason.MouthMismatch)]
    [TestCase("open-closed-mouth-open", ChallengeReason.MouthMismatch)]
    [TestCase("closed-closed-eyes-open", ChallengeReason.EyesMismatch)]
    [TestCase("open-closed-eyes-closed", ChallengeReason.EyesMismatch)]
    [TestCase("looking-left-pupil-right", ChallengeReason.EyesMismatch)]
    [TestCase("looking-right-pupil-left", ChallengeReason.EyesMismatch)]
    [TestCase("confidence-89.99", ChallengeReason.LowConfidence)]
    [TestCase("yaw-minus-20.01", ChallengeReason.HeadRotated)]
    [TestCase("pitch-25", ChallengeReason.HeadRotated)]
    [TestCase("roll-minus-21", ChallengeReason.HeadRotated)]
    [TestCase("zero-faces", ChallengeReason.FaceNotFound)]
    public void Evaluate_ReferenceFailingRow_NeverPassesAndTimesOutWithTheMismatch(string fixture, ChallengeReason mismatch)
    {
        var loaded = ReplayFixture.Load($"pose/{fixture}.json");
        var evaluator = loaded.CreateEvaluator(new PoseChallenge());
        var frame = loaded.Frames[0];

        evaluator.Evaluate(frame).Should().Be(ChallengeVerdict.Continue);
        var late = evaluator.Evaluate(frame with { Sequence = 1, ReceivedAt = frame.ReceivedAt.AddMilliseconds(10_001) });

        late.Reason.Should().Be(ChallengeReason.StateTimeout);
        late.Detail.Should().EndWith($"last mismatch: {mismatch}.");
    }

    [Test]
    public void Evaluate_TwoFaces_FailsWithMultipleFaces()
    {
        var replay = Run("two-faces");

        replay.Verdict.Reason.Should().Be(ChallengeReason.MultipleFaces);
        replay.DecidedAtFrame.Should().Be(0);
    }

    [Test]
    public void Evaluate_LookingLeftWithCentredPupils_DoesNotPass_FixGazeNeedsBothPupils()
    {
        // The reference passed LOOKING_LEFT with a centred gaze (it only failed on the opposite gaze).
        var replay = Run("looking-left-pupil-centre");

        replay.Verdict.Should().Be(ChallengeVerdict.Continue);
    }

    [Test]
    public void Evaluate_LookingLeftWithOnePupilCentred_DoesNotPass_FixGazeNeedsBothPupils()
    {
        var loaded = ReplayFixture.Load("pose/looking-left-pupil-left.json");
        var face = loaded.Frames[0].Faces[0];
        var landmarks = face.Landmarks.Select(l => l.Type == LandmarkType.RightPupil ? l with { X = 0.57 } : l).ToArray();
        var oneEye = new AnalyzedFrame(0, loaded.Frames[0].ReceivedAt, [new FaceDetails
        {
            BoundingBox = face.BoundingBox, Landmarks = landmarks, Pose = face.Pose, EyesOpen = face.EyesOpen,
            MouthOpen = face.MouthOpen, Smile = face.Smile, Confidence = face.Confidence,
        }]);

        loaded.CreateEvaluator(new PoseChallenge()).Evaluate(oneEye).Should().Be(ChallengeVerdict.Continue);
    }

    [Test]
    public void Evaluate_BadFirstFrameGoodSecond_Passes_FixEveryFrameIsJudged()
    {
        // The reference judged only the first frame and failed.
        var replay = Run("bad-first-good-second");

        replay.Verdict.Should().Be(ChallengeVerdict.Passed);
        replay.DecidedAtFrame.Should().Be(1);
    }

    [Test]
    public void Evaluate_SequenceShownInOrder_PassesOnTheLastPose()
    {
        var replay = Run("sequence-in-order");

        replay.Verdict.Should().Be(ChallengeVerdict.Passed);
        replay.DecidedAtFrame.Should().Be(3);
    }

    [Test]
    public void Evaluate_SequenceShownInWrongOrder_DoesNotPass()
    {
        Run("sequence-wrong-order").Verdict.Should().Be(ChallengeVerdict.Continue);
    }

    [Test]
    public void Evaluate_SecondPoseAfter9996Ms_Passes()
    {
        var replay = Run("sequence-timeout-9996ms");

        replay.Verdict.Should().Be(ChallengeVerdict.Passed);
        replay.DecidedAtFrame.Should().Be(2);
    }

    [Test]
    public void Evaluate_SecondPoseAfter10003Ms_FailsWithStateTimeoutAndTheLastMismatch()
    {
        var replay = Run("sequence-timeout-10003ms");

        replay.Verdict.Reason.Should().Be(ChallengeReason.StateTimeout);
        replay.DecidedAtFrame.Should().Be(2);
        replay.Verdict.Detail.Should().Be("Pose 2 of 2 (CLOSED/CLOSED) was not shown within 10 s; last mismatch: EyesMismatch.");
    }

    [Test]
    public void Evaluate_OneFrameShowingTwoCompatiblePoses_CountsForOnlyOne()
    {
        // OPEN/SMILE then LOOKING_LEFT/SMILE (compatible: never generated, but accepted from stored parameters):
        // the frame that completes the first pose does not also complete the second.
        var parameters = JsonDocument.Parse("""{"imageWidth":480,"imageHeight":480,"poses":[{"eyes":"OPEN","mouth":"SMILE"},{"eyes":"LOOKING_LEFT","mouth":"SMILE"}]}""").RootElement;
        var face = ReplayFixture.Load("pose/looking-left-pupil-left.json").Frames[0].Faces[0];
        var smiling = new FaceDetails
        {
            Landmarks = face.Landmarks, EyesOpen = new FaceTrait(true, 99), Smile = new FaceTrait(true, 99), MouthOpen = new FaceTrait(true, 99), Confidence = 99.9,
        };
        var evaluator = new PoseChallenge().CreateEvaluator(new ChallengeEvaluatorArguments(parameters, 480, 480, DateTimeOffset.UnixEpoch));

        evaluator.Evaluate(new AnalyzedFrame(0, DateTimeOffset.UnixEpoch, [smiling])).Should().Be(ChallengeVerdict.Continue);
        evaluator.Evaluate(new AnalyzedFrame(1, DateTimeOffset.UnixEpoch.AddMilliseconds(100), [smiling])).Should().Be(ChallengeVerdict.Passed);
    }

    [Test]
    public void Evaluate_ContinuingFrames_AllocateNothing()
    {
        var fixture = ReplayFixture.Load("pose/sequence-in-order.json");
        fixture.Run(new PoseChallenge());
        var evaluator = fixture.CreateEvaluator(new PoseChallenge());
        var neutral = fixture.Frames[0];
        evaluator.Evaluate(neutral);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            evaluator.Evaluate(neutral with { Sequence = i + 1 });
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        allocated.Should().Be(0);
    }

    [TestCase("""{"imageWidth":480,"imageHeight":480,"poses":[]}""")]
    [TestCase("""{"imageWidth":480,"imageHeight":480}""")]
    [TestCase("""{"imageWidth":480,"imageHeight":480,"poses":[{"eyes":"SQUINT","mouth":"SMILE"}]}""")]
    [TestCase("""{"imageWidth":480,"imageHeight":480,"poses":[{"eyes":"OPEN"}]}""")]
    [TestCase("""{"imageWidth":480,"imageHeight":480,"poses":[{"eyes":7,"mouth":"SMILE"}]}""")]
    [TestCase("""{"imageWidth":480,"imageHeight":480,"pose":{"eyes":"OPEN","mouth":"SMILE"}}""")]
    public void CreateEvaluator_InvalidParameters_Throws(string json)
    {
        new PoseChallenge().Invoking(c => c.CreateEvaluator(new ChallengeEvaluatorArguments(JsonDocument.Parse(json).RootElement, 480, 480, DateTimeOffset.UnixEpoch)))
            .Should().Throw<ArgumentException>();
    }

    [Test]
    public void CreateEvaluator_NinePoses_Throws()
    {
        var poses = string.Join(',', Enumerable.Repeat("""{"eyes":"OPEN","mouth":"SMILE"}""", 9));
        var parameters = JsonDocument.Parse($$"""{"imageWidth":480,"imageHeight":480,"poses":[{{poses}}]}""").RootElement;

        new PoseChallenge().Invoking(c => c.CreateEvaluator(new ChallengeEvaluatorArguments(parameters, 480, 480, DateTimeOffset.UnixEpoch)))
            .Should().Throw<ArgumentException>().WithMessage("*1 to 8 poses*");
    }

    [Test]
    public void Constructor_PoseTimeoutOption_IsUsed()
    {
        var challenge = new PoseChallenge(Options.Create(new PoseChallengeOptions { PoseTimeout = TimeSpan.FromSeconds(20) }));

        ReplayFixture.Load("pose/sequence-timeout-10003ms.json").Run(challenge).Verdict.Should().Be(ChallengeVerdict.Passed);
    }

    [TestCase(0)]
    [TestCase(9)]
    public void Constructor_PoseCountOutOfRange_Throws(int count)
    {
        var act = () => new PoseChallenge(Options.Create(new PoseChallengeOptions { PoseCount = count }));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*PoseCount*");
    }
}
