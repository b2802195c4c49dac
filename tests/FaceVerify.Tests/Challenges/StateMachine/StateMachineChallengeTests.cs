using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.Tests.Challenges.StateMachine;

public class StateMachineChallengeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    private static AnalyzedFrame Frame(int sequence, int ms) => new(sequence, Start.AddMilliseconds(ms), []);

    private static IChallengeEvaluator Evaluator(TestChallenge challenge, out TestScratch scratch)
    {
        var evaluator = challenge.CreateEvaluator(new ChallengeEvaluatorArguments(JsonDocument.Parse("""{"label":"x","count":3}""").RootElement, 480, 480, Start));
        scratch = challenge.LastScratch!;
        return evaluator;
    }

    private static StateResult Record(in StateContext<TestParameters, TestScratch> context)
    {
        context.Scratch.Calls.Add($"{context.StateName}@{context.Frame.Sequence}{(context.IsStateEntry ? "*" : string.Empty)}");
        return StateResult.Continue;
    }

    [Test]
    public void Evaluate_Next_ReprocessesTheSameFrameInTheNextState()
    {
        var challenge = new TestChallenge(
            new("a", null, static (in StateContext<TestParameters, TestScratch> c) =>
            {
                Record(c);
                return StateResult.Next("b");
            }),
            new("b", null, Record));
        var evaluator = Evaluator(challenge, out var scratch);

        evaluator.Evaluate(Frame(0, 0)).Should().Be(ChallengeVerdict.Continue);
        evaluator.Evaluate(Frame(1, 100));

        scratch.Calls.Should().Equal("a@0*", "b@0*", "b@1");
    }

    [Test]
    public void Evaluate_NextByIndex_MovesToThatState()
    {
        var challenge = new TestChallenge(
            new("a", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Next(2)),
            new("b", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Fail(ChallengeReason.Custom, "b")),
            new("c", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Pass));

        Evaluator(challenge, out _).Evaluate(Frame(0, 0)).Should().Be(ChallengeVerdict.Passed);
    }

    [Test]
    public void Evaluate_NextToCurrentState_IsContinue()
    {
        var challenge = new TestChallenge(
            new ChallengeState<TestParameters, TestScratch>("loop", null, static (in StateContext<TestParameters, TestScratch> c) =>
            {
                Record(c);
                return StateResult.Next("loop");
            }));
        var evaluator = Evaluator(challenge, out var scratch);

        var verdicts = new[] { evaluator.Evaluate(Frame(0, 0)), evaluator.Evaluate(Frame(1, 100)) };

        verdicts.Should().AllBeEquivalentTo(ChallengeVerdict.Continue);
        scratch.Calls.Should().Equal("loop@0*", "loop@1");
    }

    [Test]
    public void Evaluate_CycleBetweenStates_FailsAfterTheTransitionBound()
    {
        var challenge = new TestChallenge(
            new("ping", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Next("pong")),
            new("pong", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Next("ping")));

        var verdict = Evaluator(challenge, out _).Evaluate(Frame(0, 0));

        verdict.Kind.Should().Be(VerdictKind.Failed);
        verdict.Reason.Should().Be(ChallengeReason.Custom);
        verdict.Detail.Should().Contain("more than 16 times").And.Contain("loop");
    }

    [Test]
    public void Evaluate_CycleWithinBound_IsAllowed()
    {
        // Moving back and forth a few times on one frame is legitimate while the scratch changes.
        var challenge = new TestChallenge(
            new("up", null, static (in StateContext<TestParameters, TestScratch> c) => ++c.Scratch.Counter >= 5 ? StateResult.Pass : StateResult.Next("down")),
            new("down", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Next("up")));

        Evaluator(challenge, out _).Evaluate(Frame(0, 0)).Should().Be(ChallengeVerdict.Passed);
    }

    [TestCase(9_999, VerdictKind.Continue)]
    [TestCase(10_000, VerdictKind.Continue)]
    [TestCase(10_001, VerdictKind.Failed)]
    public void Evaluate_FrameAfterStateTimeout_FailsOnlyWhenStrictlyLater(int ms, VerdictKind expected)
    {
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("wait", TenSeconds, Record));
        var evaluator = Evaluator(challenge, out _);
        evaluator.Evaluate(Frame(0, 0));

        var verdict = evaluator.Evaluate(Frame(1, ms));

        verdict.Kind.Should().Be(expected);
        if (expected == VerdictKind.Failed)
        {
            verdict.Reason.Should().Be(ChallengeReason.StateTimeout);
            verdict.Detail.Should().Be("State 'wait' was not completed within 10 s.");
        }
    }

    [Test]
    public void Evaluate_StateTimeout_RunsFromTheFirstFrameThatStateSees()
    {
        var challenge = new TestChallenge(
            new("first", TenSeconds, static (in StateContext<TestParameters, TestScratch> c) => c.Frame.Sequence == 1 ? StateResult.Next("second") : StateResult.Continue),
            new("second", TenSeconds, Record));
        var evaluator = Evaluator(challenge, out var scratch);

        evaluator.Evaluate(Frame(0, 0));
        evaluator.Evaluate(Frame(1, 8_000)).Should().Be(ChallengeVerdict.Continue);
        evaluator.Evaluate(Frame(2, 17_999)).Should().Be(ChallengeVerdict.Continue);
        var late = evaluator.Evaluate(Frame(3, 18_001));

        late.Reason.Should().Be(ChallengeReason.StateTimeout);
        late.Detail.Should().Contain("'second'");
        scratch.Calls.Should().Equal("second@1*", "second@2");
    }

    [Test]
    public void Evaluate_StateWithoutTimeout_NeverTimesOut()
    {
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("wait", null, Record));
        var evaluator = Evaluator(challenge, out _);
        evaluator.Evaluate(Frame(0, 0));

        evaluator.Evaluate(Frame(1, 3_600_000)).Should().Be(ChallengeVerdict.Continue);
    }

    [Test]
    public void Evaluate_ReceivedAt_IsTheOnlyClock()
    {
        // Timeouts are measured on the frames' server receive times, whatever the sequence numbers say.
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("wait", TenSeconds, Record));
        var evaluator = Evaluator(challenge, out _);
        evaluator.Evaluate(new AnalyzedFrame(0, Start, []));

        evaluator.Evaluate(new AnalyzedFrame(500, Start.AddSeconds(5), [])).Should().Be(ChallengeVerdict.Continue);
        evaluator.Evaluate(new AnalyzedFrame(501, Start.AddSeconds(11), [])).Reason.Should().Be(ChallengeReason.StateTimeout);
    }

    [Test]
    public void Evaluate_AfterDecision_ReturnsTheSameVerdictWithoutRunningStates()
    {
        var challenge = new TestChallenge(
            new ChallengeState<TestParameters, TestScratch>("fail", null, static (in StateContext<TestParameters, TestScratch> c) =>
            {
                Record(c);
                return StateResult.Fail(ChallengeReason.EyesMismatch, "no");
            }));
        var evaluator = Evaluator(challenge, out var scratch);

        var first = evaluator.Evaluate(Frame(0, 0));
        var second = evaluator.Evaluate(Frame(1, 100));

        second.Should().Be(first).And.Be(ChallengeVerdict.Fail(ChallengeReason.EyesMismatch, "no"));
        scratch.Calls.Should().ContainSingle();
    }

    [Test]
    public void Evaluate_NextToUnknownState_ThrowsNamingIt()
    {
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("a", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Next("nowhere")));
        var evaluator = Evaluator(challenge, out _);

        evaluator.Invoking(e => e.Evaluate(Frame(0, 0))).Should().Throw<InvalidOperationException>().WithMessage("*'nowhere'*");
    }

    [Test]
    public void Evaluate_NextToIndexOutOfRange_Throws()
    {
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("a", null, static (in StateContext<TestParameters, TestScratch> c) => StateResult.Next(3)));

        Evaluator(challenge, out _).Invoking(e => e.Evaluate(Frame(0, 0))).Should().Throw<InvalidOperationException>().WithMessage("*only 1 states*");
    }

    [Test]
    public void Evaluate_HandlerReceivesParametersAndScratch()
    {
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("a", null, static (in StateContext<TestParameters, TestScratch> c) =>
        {
            c.Scratch.Calls.Add($"{c.Parameters.Label}:{c.Parameters.Count}:{c.State}");
            return StateResult.Continue;
        }));
        var evaluator = Evaluator(challenge, out var scratch);

        evaluator.Evaluate(Frame(0, 0));

        scratch.Calls.Should().Equal("x:3:0");
    }

    [Test]
    public void Constructor_DuplicateStateNames_Throws()
    {
        var act = () => new TestChallenge(new("a", null, Record), new("a", null, Record));

        act.Should().Throw<ArgumentException>().WithMessage("*'a'*");
    }

    [Test]
    public void Constructor_NoState_Throws()
    {
        var act = () => new TestChallenge();

        act.Should().Throw<ArgumentException>();
    }

    [Test]
    public void ChallengeState_NonPositiveTimeout_Throws()
    {
        var act = () => new ChallengeState<TestParameters, TestScratch>("a", TimeSpan.Zero, Record);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void CreateParameters_SerializesCamelCase()
    {
        var json = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("a", null, Record))
            .CreateParameters(new ChallengeParametersArguments(480, 480, RandomNumberGenerator.Create()));

        json.GetRawText().Should().Be("""{"label":"generated","count":480}""");
    }

    [TestCase("""{"label":"x"}""")]
    [TestCase("""{"label":"x","count":"3"}""")]
    [TestCase("""[1,2]""")]
    [TestCase("""{"label":null,"count":3}""")]
    public void CreateEvaluator_InvalidParameters_ThrowsArgumentException(string json)
    {
        var challenge = new TestChallenge(new ChallengeState<TestParameters, TestScratch>("a", null, Record));

        challenge.Invoking(c => c.CreateEvaluator(new ChallengeEvaluatorArguments(JsonDocument.Parse(json).RootElement, 480, 480, Start)))
            .Should().Throw<ArgumentException>();
    }

    [Test]
    public void StateResult_Default_IsContinue()
    {
        default(StateResult).Should().Be(StateResult.Continue);
        StateResult.Continue.Kind.Should().Be(StateResultKind.Continue);
    }

    [TestCase(ChallengeReason.None)]
    [TestCase(ChallengeReason.Passed)]
    public void StateResult_FailWithoutFailureReason_Throws(ChallengeReason reason)
    {
        var act = () => StateResult.Fail(reason);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    internal sealed record TestParameters
    {
        public required string Label { get; init; }

        public required int Count { get; init; }
    }

    internal sealed class TestScratch
    {
        public List<string> Calls { get; } = [];

        public int Counter { get; set; }
    }

    private sealed class TestChallenge(params ChallengeState<TestParameters, TestScratch>[] states)
        : StateMachineChallenge<TestParameters, TestScratch>("test", states)
    {
        public TestScratch? LastScratch { get; private set; }

        protected override TestParameters GenerateParameters(in ChallengeParametersArguments arguments)
            => new() { Label = "generated", Count = arguments.FrameWidth };

        protected override TestScratch CreateScratch(TestParameters parameters, in ChallengeEvaluatorArguments arguments)
            => LastScratch = new TestScratch();
    }
}
