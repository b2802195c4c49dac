using System.Text.Json;

namespace FaceVerify.Cli;

/// <summary>A parsed replay file (<see cref="ReplayFile"/>) with its challenge resolved: what <c>faceverify replay</c> runs.</summary>
internal sealed class ReplayInput
{
    private readonly ReplayFile _file;

    private ReplayInput(IChallenge challenge, ReplayFile file)
    {
        Challenge = challenge;
        _file = file;
    }

    public IChallenge Challenge { get; }

    public JsonElement Parameters => _file.Parameters;

    public IReadOnlyList<AnalyzedFrame> Frames => _file.Frames;

    public static ReplayInput Parse(string json)
    {
        var file = ReplayFile.Parse(json);
        var challenge = ReplayCommand.FindChallenge(file.ChallengeType)
            ?? throw new ReplayInputException($"unknown challenge type \"{file.ChallengeType}\"; known types: {ReplayCommand.KnownTypes}.");
        return new ReplayInput(challenge, file);
    }

    public ReplayOutcome Run()
    {
        var arguments = _file.EvaluatorArguments();
        IChallengeEvaluator evaluator;
        try
        {
            evaluator = Challenge.CreateEvaluator(arguments);
        }
        catch (ArgumentException ex)
        {
            throw new ReplayInputException($"invalid {Challenge.Type} parameters: {ex.Message}", ex);
        }

        foreach (var frame in Frames)
        {
            var verdict = evaluator.Evaluate(frame);
            if (verdict.IsDecided)
            {
                return new ReplayOutcome(verdict.Kind == VerdictKind.Passed, verdict.Reason, frame.Sequence, verdict.Detail);
            }
        }

        return new ReplayOutcome(false, ChallengeReason.ChallengeNotCompleted, null, null);
    }
}
