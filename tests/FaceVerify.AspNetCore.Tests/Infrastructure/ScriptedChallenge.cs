using System.Text.Json;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>
/// A challenge for endpoint tests: passes at the third frame showing exactly one face, fails at the first frame showing
/// none (reason <see cref="ChallengeReason.FaceNotFound"/>). Its parameters are <c>{"imageWidth","imageHeight","framesNeeded":3}</c>.
/// </summary>
internal sealed class ScriptedChallenge : IChallenge
{
    public const string TypeName = "scripted";

    public string Type => TypeName;

    public JsonElement CreateParameters(in ChallengeParametersArguments arguments)
        => JsonSerializer.SerializeToElement(new { imageWidth = arguments.FrameWidth, imageHeight = arguments.FrameHeight, framesNeeded = 3 });

    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments) => new Evaluator();

    private sealed class Evaluator : IChallengeEvaluator
    {
        private int _seen;

        public ChallengeVerdict Evaluate(in AnalyzedFrame frame)
        {
            if (frame.Faces.Count == 0)
            {
                return ChallengeVerdict.Fail(ChallengeReason.FaceNotFound, $"No face in frame {frame.Sequence}.");
            }

            return ++_seen >= 3 ? ChallengeVerdict.Passed : ChallengeVerdict.Continue;
        }
    }
}
