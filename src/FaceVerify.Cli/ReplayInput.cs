using System.Text.Json;

namespace FaceVerify.Cli;

/// <summary>A parsed replay file: the challenge, its parameters, and the frames with their analyses.</summary>
internal sealed class ReplayInput
{
    private ReplayInput(IChallenge challenge, JsonElement parameters, IReadOnlyList<AnalyzedFrame> frames)
    {
        Challenge = challenge;
        Parameters = parameters;
        Frames = frames;
    }

    public IChallenge Challenge { get; }

    public JsonElement Parameters { get; }

    public IReadOnlyList<AnalyzedFrame> Frames { get; }

    public static ReplayInput Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new ReplayInputException($"not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ReplayInputException("the input must be a JSON object.");
            }

            if (!root.TryGetProperty("challengeType", out var type) || type.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(type.GetString()))
            {
                throw new ReplayInputException("missing \"challengeType\" (a string).");
            }

            var challenge = ReplayCommand.FindChallenge(type.GetString()!)
                ?? throw new ReplayInputException($"unknown challenge type \"{type.GetString()}\"; known types: {ReplayCommand.KnownTypes}.");

            if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                throw new ReplayInputException("missing \"parameters\" (an object).");
            }

            if (!root.TryGetProperty("frames", out var frames) || frames.ValueKind != JsonValueKind.Array)
            {
                throw new ReplayInputException("missing \"frames\" (an array).");
            }

            return new ReplayInput(challenge, parameters.Clone(), ReadFrames(frames));
        }
    }

    public ReplayOutcome Run()
    {
        var (width, height) = (ReadSize("imageWidth"), ReadSize("imageHeight"));
        IChallengeEvaluator evaluator;
        try
        {
            evaluator = Challenge.CreateEvaluator(new ChallengeEvaluatorArguments(Parameters, width, height, DateTimeOffset.UnixEpoch));
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

    private int ReadSize(string name)
        => Parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var size)
            ? size
            : throw new ReplayInputException($"the parameters need \"{name}\" (an integer).");

    private static List<AnalyzedFrame> ReadFrames(JsonElement frames)
    {
        var result = new List<AnalyzedFrame>();
        long previous = long.MinValue;
        var skipped = 0;
        foreach (var frame in frames.EnumerateArray())
        {
            var index = result.Count + skipped;
            if (frame.ValueKind != JsonValueKind.Object)
            {
                throw new ReplayInputException($"frame {index} must be an object.");
            }

            if (!frame.TryGetProperty("timestampMs", out var timestamp) || timestamp.ValueKind != JsonValueKind.Number || !timestamp.TryGetInt64(out var ms))
            {
                throw new ReplayInputException($"frame {index} needs \"timestampMs\" (an integer number of milliseconds).");
            }

            if (ms < previous)
            {
                throw new ReplayInputException($"frame {index} has timestampMs {ms}, before the previous frame's {previous}: frames must be in receive order.");
            }

            if (ms is < -62_135_596_800_000 or > 253_402_300_799_999)
            {
                throw new ReplayInputException($"frame {index} has timestampMs {ms}, outside the representable range.");
            }

            if (!frame.TryGetProperty("faceDetails", out var faces))
            {
                throw new ReplayInputException($"frame {index} needs \"faceDetails\" (an array of Rekognition FaceDetail objects).");
            }

            if (faces.ValueKind == JsonValueKind.Null)
            {
                // Not analysed (the sparse analysis strategy skipped it): the server's decision never saw it either.
                previous = ms;
                skipped++;
                continue;
            }

            IReadOnlyList<FaceDetails> details;
            try
            {
                details = FaceDetailsJson.ReadArray(faces);
            }
            catch (JsonException ex)
            {
                throw new ReplayInputException($"frame {index} has invalid \"faceDetails\": {ex.Message}", ex);
            }

            previous = ms;
            result.Add(new AnalyzedFrame(index, DateTimeOffset.UnixEpoch.AddMilliseconds(ms), details));
        }

        return result;
    }
}
