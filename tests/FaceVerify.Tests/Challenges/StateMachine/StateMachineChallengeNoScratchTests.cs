using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.Tests.Challenges.StateMachine;

public class StateMachineChallengeNoScratchTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FaceDetails Face(bool smiling) => new() { Confidence = 99, Smile = new FaceTrait(smiling, 99) };

    private static IChallengeEvaluator NewEvaluator(string json = """{"rounds":1}""")
        => new SmileThenStopChallenge().CreateEvaluator(new ChallengeEvaluatorArguments(JsonDocument.Parse(json).RootElement, 480, 480, Start));

    [Test]
    public void Evaluate_SmileThenNoSmile_Passes()
    {
        var evaluator = NewEvaluator();

        evaluator.Evaluate(new AnalyzedFrame(0, Start, [Face(true)])).Should().Be(ChallengeVerdict.Continue);
        evaluator.Evaluate(new AnalyzedFrame(1, Start.AddSeconds(1), [Face(false)])).Should().Be(ChallengeVerdict.Passed);
    }

    [Test]
    public void Evaluate_NoSmileFirst_Waits()
    {
        NewEvaluator().Evaluate(new AnalyzedFrame(0, Start, [Face(false)])).Should().Be(ChallengeVerdict.Continue);
    }

    [Test]
    public void CreateEvaluator_ValidateParametersRefusal_Throws()
    {
        var act = () => NewEvaluator("""{"rounds":0}""");

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Test]
    public void CreateParameters_UsesTheGenerator()
    {
        new SmileThenStopChallenge().CreateParameters(new ChallengeParametersArguments(480, 480, RandomNumberGenerator.Create()))
            .GetRawText().Should().Be("""{"rounds":1}""");
    }

    internal sealed record SmileParameters
    {
        public required int Rounds { get; init; }
    }

    private sealed class SmileThenStopChallenge() : StateMachineChallenge<SmileParameters>(
        "smile-stop",
        [
            new("smile", TimeSpan.FromSeconds(10), static (in StateContext<SmileParameters, object> c) => Smiling(c.Frame) ? StateResult.Next("stop") : StateResult.Continue),
            new("stop", TimeSpan.FromSeconds(10), static (in StateContext<SmileParameters, object> c) => Smiling(c.Frame) ? StateResult.Continue : StateResult.Pass),
        ])
    {
        protected override SmileParameters GenerateParameters(in ChallengeParametersArguments arguments) => new() { Rounds = 1 };

        protected override void ValidateParameters(SmileParameters parameters, in ChallengeEvaluatorArguments arguments)
            => ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Rounds, 1, nameof(parameters));

        private static bool Smiling(in AnalyzedFrame frame) => frame.Faces.Count == 1 && frame.Faces[0].Smile is { Value: true };
    }
}
