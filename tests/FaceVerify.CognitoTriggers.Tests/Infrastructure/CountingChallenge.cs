using System.Text.Json;

namespace FaceVerify.CognitoTriggers.Tests.Infrastructure;

/// <summary>
/// A small test challenge (as in FaceVerify.Tests): passes at the third frame with exactly one face, fails at the first
/// frame with more than one face.
/// </summary>
internal sealed class CountingChallenge : IChallenge
{
    public const string Name = "counting";

    public string Type => Name;

    public JsonElement CreateParameters(in ChallengeParametersArguments arguments)
        => JsonSerializer.SerializeToElement(new { target = 3, salt = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000), width = arguments.FrameWidth, height = arguments.FrameHeight });

    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments)
        => new Evaluator(arguments.Parameters.GetProperty("target").GetInt32());

    private sealed class Evaluator(int target) : IChallengeEvaluator
    {
        private int _count;

        public ChallengeVerdict Evaluate(in AnalyzedFrame frame)
        {
            if (frame.Faces.Count > 1)
            {
                return ChallengeVerdict.Fail(ChallengeReason.MultipleFaces);
            }

            if (frame.Faces.Count == 1 && ++_count >= target)
            {
                return ChallengeVerdict.Passed;
            }

            return ChallengeVerdict.Continue;
        }
    }
}
