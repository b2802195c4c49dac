using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.Tests.Challenges.StateMachine;

public class BlinkTwiceChallengeTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly BlinkTwiceChallenge _challenge = new();

    private static FaceDetails Face(bool eyesOpen) => new() { Confidence = 99.9, EyesOpen = new FaceTrait(eyesOpen, 98) };

    private IChallengeEvaluator NewEvaluator()
    {
        var parameters = _challenge.CreateParameters(new ChallengeParametersArguments(480, 480, RandomNumberGenerator.Create()));
        return _challenge.CreateEvaluator(new ChallengeEvaluatorArguments(parameters, 480, 480, Start));
    }

    private static List<ChallengeVerdict> Feed(IChallengeEvaluator evaluator, params (int Ms, FaceDetails[] Faces)[] frames)
    {
        var verdicts = new List<ChallengeVerdict>();
        for (var i = 0; i < frames.Length; i++)
        {
            verdicts.Add(evaluator.Evaluate(new AnalyzedFrame(i, Start.AddMilliseconds(frames[i].Ms), frames[i].Faces)));
        }

        return verdicts;
    }

    [Test]
    public void CreateParameters_Always_WritesCamelCaseJson()
    {
        var parameters = _challenge.CreateParameters(new ChallengeParametersArguments(640, 480, RandomNumberGenerator.Create()));

        parameters.GetRawText().Should().Be("""{"imageWidth":640,"imageHeight":480,"blinks":2}""");
    }

    [Test]
    public void Evaluate_OpenClosedOpenClosed_PassesOnSecondClosing()
    {
        var verdicts = Feed(NewEvaluator(), (0, [Face(true)]), (300, [Face(false)]), (600, [Face(true)]), (900, [Face(false)]));

        verdicts.Select(v => v.Kind).Should().Equal(VerdictKind.Continue, VerdictKind.Continue, VerdictKind.Continue, VerdictKind.Passed);
    }

    [Test]
    public void Evaluate_EyesClosedWithoutReopening_CountsOneBlink()
    {
        var verdicts = Feed(NewEvaluator(), (0, [Face(true)]), (300, [Face(false)]), (600, [Face(false)]), (900, [Face(false)]));

        verdicts.Should().OnlyContain(v => v.Kind == VerdictKind.Continue);
    }

    [Test]
    public void Evaluate_TwoFaces_FailsWithMultipleFaces()
    {
        var verdicts = Feed(NewEvaluator(), (0, [Face(true)]), (300, [Face(true), Face(true)]));

        verdicts[^1].Should().Be(ChallengeVerdict.Fail(ChallengeReason.MultipleFaces, "Only one face may be in view."));
    }

    [Test]
    public void Evaluate_SecondBlinkAfterTenSeconds_FailsWithStateTimeout()
    {
        var verdicts = Feed(NewEvaluator(), (0, [Face(true)]), (300, [Face(false)]), (600, [Face(true)]), (10_001, [Face(false)]));

        verdicts[^1].Kind.Should().Be(VerdictKind.Failed);
        verdicts[^1].Reason.Should().Be(ChallengeReason.StateTimeout);
        verdicts[^1].Detail.Should().Contain("'closed'");
    }

    [Test]
    public void CreateEvaluator_ParametersWithoutBlinks_Throws()
    {
        var parameters = JsonDocument.Parse("""{"imageWidth":480,"imageHeight":480}""").RootElement;

        _challenge.Invoking(c => c.CreateEvaluator(new ChallengeEvaluatorArguments(parameters, 480, 480, Start)))
            .Should().Throw<ArgumentException>().WithMessage("*blinks*");
    }
}
