using System.Text.Json;

namespace FaceVerify.Tests.Sessions;

/// <summary>
/// A small test challenge: passes at the <c>target</c>-th frame with exactly one face, fails at the first frame with
/// more than one face, or when <c>timeoutSeconds</c> pass (server time) since the first frame.
/// </summary>
internal sealed class CountingChallenge : IChallenge
{
    public const string Name = "counting";

    public int Target { get; init; } = 3;

    public string Type => Name;

    public JsonElement CreateParameters(in ChallengeParametersArguments arguments)
    {
        var salt = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1000);
        return JsonSerializer.SerializeToElement(new { target = Target, salt, width = arguments.FrameWidth });
    }

    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments)
        => new Evaluator(arguments.Parameters.GetProperty("target").GetInt32());

    private sealed class Evaluator(int target) : IChallengeEvaluator
    {
        private int _count;
        private DateTimeOffset? _first;

        public ChallengeVerdict Evaluate(in AnalyzedFrame frame)
        {
            _first ??= frame.ReceivedAt;
            if (frame.ReceivedAt - _first > TimeSpan.FromSeconds(10))
            {
                return ChallengeVerdict.Fail(ChallengeReason.StateTimeout);
            }

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
