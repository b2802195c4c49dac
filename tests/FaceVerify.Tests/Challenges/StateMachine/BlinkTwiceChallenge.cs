namespace FaceVerify.Tests.Challenges.StateMachine;

// The "blink twice" example of docs/custom-challenges.md, verbatim: a complete custom challenge on StateMachineChallenge.

/// <summary>Parameters of the blink challenge, sent to the client as <c>{"imageWidth":480,"imageHeight":480,"blinks":2}</c>.</summary>
public sealed record BlinkTwiceParameters
{
    public required int ImageWidth { get; init; }

    public required int ImageHeight { get; init; }

    public required int Blinks { get; init; }
}

/// <summary>Per-session working data: how many blinks were seen.</summary>
public sealed class BlinkCounter
{
    public int Blinks { get; set; }
}

/// <summary>"Blink twice": with one face in view, open eyes then closed eyes, two times, each state within 10 s.</summary>
public sealed class BlinkTwiceChallenge : StateMachineChallenge<BlinkTwiceParameters, BlinkCounter>
{
    public const string TypeName = "blink";

    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(10);

    public BlinkTwiceChallenge()
        : base(TypeName, [new("open", StateTimeout, Open), new("closed", StateTimeout, Closed)])
    {
    }

    protected override BlinkTwiceParameters GenerateParameters(in ChallengeParametersArguments arguments)
        => new() { ImageWidth = arguments.FrameWidth, ImageHeight = arguments.FrameHeight, Blinks = 2 };

    protected override BlinkCounter CreateScratch(BlinkTwiceParameters parameters, in ChallengeEvaluatorArguments arguments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.Blinks, 1, nameof(parameters));
        return new BlinkCounter();
    }

    // Wait for one face with open eyes.
    private static StateResult Open(in StateContext<BlinkTwiceParameters, BlinkCounter> context)
        => EyesOpen(context.Frame) switch
        {
            true => StateResult.Next("closed"),
            null when context.Frame.Faces.Count > 1 => StateResult.Fail(ChallengeReason.MultipleFaces, "Only one face may be in view."),
            _ => StateResult.Continue,
        };

    // Wait for the eyes to close: one blink. Go back to "open", which re-judges this same frame (eyes closed: it waits).
    private static StateResult Closed(in StateContext<BlinkTwiceParameters, BlinkCounter> context)
    {
        switch (EyesOpen(context.Frame))
        {
            case false:
                return ++context.Scratch.Blinks >= context.Parameters.Blinks ? StateResult.Pass : StateResult.Next("open");
            case null when context.Frame.Faces.Count > 1:
                return StateResult.Fail(ChallengeReason.MultipleFaces, "Only one face may be in view.");
            default:
                return StateResult.Continue;
        }
    }

    // true/false for exactly one face reporting its eyes; null otherwise.
    private static bool? EyesOpen(in AnalyzedFrame frame)
        => frame.Faces.Count == 1 && frame.Faces[0].EyesOpen is { } eyes ? eyes.Value : null;
}
