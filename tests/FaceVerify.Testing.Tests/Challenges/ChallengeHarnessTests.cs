using System.Text.Json;

namespace FaceVerify.Testing.Tests.Challenges;

public class ChallengeHarnessTests
{
    private static readonly FaceDetails Open = Face.CenteredAt(0.5, 0.5, 0.3, 0.4).Build();
    private static readonly FaceDetails Closed = Face.CenteredAt(0.5, 0.5, 0.3, 0.4).EyesClosed().Build();

    [Test]
    public void Run_CustomChallenge_ReturnsVerdictReasonDecidedFrameAndTrace()
    {
        var frames = FrameSequence.Create(480, 480).Add(Open).Add(Closed).Add(Open).Add(Closed).Add(Open);

        var run = ChallengeHarness.Run(new BlinkChallenge(), new BlinkParameters { Blinks = 2 }, frames);

        run.Passed.Should().BeTrue();
        run.Reason.Should().Be(ChallengeReason.Passed);
        run.DecidedAtFrame.Should().Be(3);
        run.DecidedAt.Should().Be(TimeSpan.FromMilliseconds(600));
        run.Trace.Select(d => d.Verdict.Kind).Should().Equal(VerdictKind.Continue, VerdictKind.Continue, VerdictKind.Continue, VerdictKind.Passed);
        run.Trace.Select(d => d.Sequence).Should().Equal(0, 1, 2, 3);
    }

    [Test]
    public void Run_StopsFeedingAtTheDecision()
    {
        var evaluator = new CountingEvaluator(decideAt: 2);

        var run = ChallengeHarness.Run(evaluator, FrameSequence.Create(0, 0).Repeat(10, Open).ToAnalyzedFrames(ChallengeHarness.Start), ChallengeHarness.Start);

        evaluator.Fed.Should().Be(3);
        run.Trace.Should().HaveCount(3);
    }

    [Test]
    public void Run_FramesRunOut_IsUndecidedWithChallengeNotCompleted()
    {
        var run = ChallengeHarness.Run(new BlinkChallenge(), new BlinkParameters { Blinks = 2 }, FrameSequence.Create(480, 480).Repeat(4, Open));

        run.IsDecided.Should().BeFalse();
        run.Verdict.Should().Be(ChallengeVerdict.Continue);
        run.Reason.Should().Be(ChallengeReason.ChallengeNotCompleted);
        run.DecidedAtFrame.Should().BeNull();
        run.Trace.Should().HaveCount(4);
    }

    [Test]
    public void Run_NoFrames_ReportsNoFrames()
    {
        var run = ChallengeHarness.Run(new BlinkChallenge(), new BlinkParameters { Blinks = 1 }, FrameSequence.Create(480, 480));

        run.Reason.Should().Be(ChallengeReason.NoFrames);
    }

    [Test]
    public void Run_Failure_CarriesReasonDetailAndFaceCounts()
    {
        var frames = FrameSequence.Create(480, 480).Add(Open).Add(Open, Closed);

        var run = ChallengeHarness.Run(new BlinkChallenge(), new BlinkParameters { Blinks = 1 }, frames);

        run.Reason.Should().Be(ChallengeReason.MultipleFaces);
        run.Detail.Should().Be("two people");
        run.Trace.Select(d => d.FaceCount).Should().Equal(1, 2);
        run.ToString().Should().Contain("MultipleFaces").And.Contain("faces=2");
    }

    [Test]
    public void Run_TypedParameters_ReachTheEvaluatorAsCamelCaseJson()
    {
        var challenge = new BlinkChallenge();

        ChallengeHarness.Run(challenge, new BlinkParameters { Blinks = 3 }, FrameSequence.Create(480, 480).Add(Open));

        challenge.LastParameters!.Value.GetProperty("blinks").GetInt32().Should().Be(3);
        challenge.LastArguments.FrameWidth.Should().Be(480);
        challenge.LastArguments.SessionCreatedAt.Should().Be(ChallengeHarness.Start);
    }

    [Test]
    public void Run_TimesAreTheSequenceOffsetsAfterStart()
    {
        var frames = FrameSequence.Create(480, 480).Add(Open).AddAt(TimeSpan.FromSeconds(11), Open);
        var challenge = new BlinkChallenge();

        var run = ChallengeHarness.Run(challenge, new BlinkParameters { Blinks = 1 }, frames);

        run.Reason.Should().Be(ChallengeReason.StateTimeout, "the blink challenge allows 10 s from the first frame");
        run.DecidedAt.Should().Be(TimeSpan.FromSeconds(11));
    }

    [Test]
    public void Run_RecordedFramesWithExplicitArguments_UsesThem()
    {
        var parameters = ChallengeHarness.ToJson(new BlinkParameters { Blinks = 1 });
        var start = new DateTimeOffset(2030, 5, 1, 12, 0, 0, TimeSpan.Zero);
        var frames = new[] { new AnalyzedFrame(0, start.AddSeconds(1), [Open]), new AnalyzedFrame(1, start.AddSeconds(2), [Closed]) };

        var run = ChallengeHarness.Run(new BlinkChallenge(), new ChallengeEvaluatorArguments(parameters, 480, 480, start), frames);

        run.Passed.Should().BeTrue();
        run.DecidedAt.Should().Be(TimeSpan.FromSeconds(2));
    }

    [Test]
    public void CreateParameters_Nose_ReadsTheGeneratedParameters()
    {
        var parameters = ChallengeHarness.CreateParameters<NoseChallengeParameters>(new NoseTargetChallenge(), 640, 480);

        parameters.ImageWidth.Should().Be(640);
        parameters.AreaLeft.Should().Be(185);
        parameters.AreaWidth.Should().Be(270);
        parameters.NoseWidth.Should().Be(20);
        Math.Abs(parameters.NoseLeft + 10 - 320).Should().BeInRange(55, 84);
    }

    [Test]
    public void CreateParameters_Json_IsWhatTheChallengeMakes()
    {
        var json = ChallengeHarness.CreateParameters(new PoseChallenge(), 480, 480);

        json.GetProperty("poses").GetArrayLength().Should().Be(2);
    }

    [Test]
    public void ToJson_PoseParameters_UsesTheReferenceNames()
    {
        var json = ChallengeHarness.ToJson(new PoseChallengeParameters
        {
            ImageWidth = 480,
            ImageHeight = 480,
            Poses = [new RequestedPose { Eyes = PoseEyes.LookingLeft, Mouth = PoseMouth.Smile }],
        });

        json.GetRawText().Should().Be("""{"imageWidth":480,"imageHeight":480,"poses":[{"eyes":"LOOKING_LEFT","mouth":"SMILE"}]}""");
    }

    internal sealed record BlinkParameters
    {
        public required int Blinks { get; init; }
    }

    /// <summary>A custom challenge written directly on IChallenge: blink <c>blinks</c> times within 10 s.</summary>
    private sealed class BlinkChallenge : IChallenge
    {
        public JsonElement? LastParameters { get; private set; }

        public ChallengeEvaluatorArguments LastArguments { get; private set; }

        public string Type => "blink";

        public JsonElement CreateParameters(in ChallengeParametersArguments arguments) => ChallengeHarness.ToJson(new BlinkParameters { Blinks = 2 });

        public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments)
        {
            LastParameters = arguments.Parameters;
            LastArguments = arguments;
            return new Evaluator(arguments.Parameters.GetProperty("blinks").GetInt32());
        }

        private sealed class Evaluator(int blinks) : IChallengeEvaluator
        {
            private DateTimeOffset? _start;
            private int _blinks;

            public ChallengeVerdict Evaluate(in AnalyzedFrame frame)
            {
                _start ??= frame.ReceivedAt;
                if (frame.ReceivedAt - _start > TimeSpan.FromSeconds(10))
                {
                    return ChallengeVerdict.Fail(ChallengeReason.StateTimeout);
                }

                if (frame.Faces.Count > 1)
                {
                    return ChallengeVerdict.Fail(ChallengeReason.MultipleFaces, "two people");
                }

                if (frame.Faces.Count == 1 && frame.Faces[0].EyesOpen is { Value: false } && ++_blinks >= blinks)
                {
                    return ChallengeVerdict.Passed;
                }

                return ChallengeVerdict.Continue;
            }
        }
    }

    private sealed class CountingEvaluator(int decideAt) : IChallengeEvaluator
    {
        public int Fed { get; private set; }

        public ChallengeVerdict Evaluate(in AnalyzedFrame frame) => ++Fed > decideAt ? ChallengeVerdict.Passed : ChallengeVerdict.Continue;
    }
}
