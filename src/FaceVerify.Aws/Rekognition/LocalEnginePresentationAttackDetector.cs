using System.Globalization;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// <see cref="IPresentationAttackDetector"/> on the FaceVerify local engine's <c>DetectPresentationAttack</c> operation
/// (tools/local-aws: @vladmandic/human's antispoof and liveness models). It scores the first nose/pose frame with one
/// face and the deciding frame; the attack score of a frame is <c>1 − min(Real, Live)</c> of its largest face (1 when
/// the models find no face), the session's score the highest of them, kept in the verdict. Register it with
/// <c>AddLocalEnginePresentationAttackDetector()</c> after <c>UseRekognition()</c> pointed at the local engine.
/// Amazon Rekognition has no such operation.
/// </summary>
public sealed class LocalEnginePresentationAttackDetector : IPresentationAttackDetector
{
    private readonly RekognitionClient _client;
    private readonly LocalEnginePresentationAttackOptions _options;

    internal LocalEnginePresentationAttackDetector(RekognitionClient client, LocalEnginePresentationAttackOptions options)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
    }

    /// <inheritdoc />
    public async ValueTask<PresentationAttackVerdict> EvaluateAsync(PresentationAttackArguments arguments, CancellationToken cancellationToken)
    {
        var frames = arguments.Frames;
        ArgumentNullException.ThrowIfNull(frames);
        var first = frames.FirstOrDefault(f => f.Analysis is { Rejection: null, Faces.Count: 1 });
        var last = frames.LastOrDefault(f => f.Analysis is { Rejection: null, Faces.Count: 1 });
        if (first is null || last is null)
        {
            return PresentationAttackVerdict.Genuine;
        }

        var score = await ScoreAsync(arguments, first, cancellationToken).ConfigureAwait(false);
        if (last.Sequence != first.Sequence)
        {
            score = Math.Max(score, await ScoreAsync(arguments, last, cancellationToken).ConfigureAwait(false));
        }

        var isAttack = score > _options.MaxAttackScore;
        return new PresentationAttackVerdict(
            isAttack,
            score,
            string.Create(CultureInfo.InvariantCulture, $"Passive presentation-attack score {score:0.###} (veto above {_options.MaxAttackScore:0.###})."));
    }

    /// <summary>The attack score of one face's model outputs: <c>1 − min(Real, Live)</c>, 1 without a face.</summary>
    internal static double AttackScore(PresentationAttackFace? face)
        => face is null ? 1 : 1 - Math.Min(Clamp(face.Real), Clamp(face.Live));

    private static double Clamp(double? value) => value is { } v && double.IsFinite(v) ? Math.Clamp(v, 0, 1) : 0;

    private async ValueTask<double> ScoreAsync(PresentationAttackArguments arguments, FrameRecord frame, CancellationToken cancellationToken)
    {
        var image = await arguments.LoadImage(frame, cancellationToken).ConfigureAwait(false);
        if (!RekognitionImage.Fits(image))
        {
            return 1;
        }

        try
        {
            var response = await _client.InvokeAsync(new DetectPresentationAttackRequest(new RekognitionImage(image.Content.ToArray())), cancellationToken).ConfigureAwait(false);
            return AttackScore(response.Faces is { Count: > 0 } faces ? faces[0] : null);
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("DetectPresentationAttack", exception);
        }
    }
}
