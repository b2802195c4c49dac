using System.Text.Json;

namespace FaceVerify.Cli;

/// <summary>
/// The replay file format, read in one place: <c>{"challengeType", "parameters": {…, "imageWidth", "imageHeight"},
/// "frames": [{"timestampMs", "faceDetails": [Rekognition FaceDetail…] | null}]}</c>. Frames keep their index in the
/// file as their sequence; a frame whose <c>faceDetails</c> is <c>null</c> was not analysed (the sparse strategy
/// skipped it) and is left out, as the server's decision never saw it. Used by <c>faceverify replay</c> and, as a
/// linked source file, by the tests and benchmarks that load recorded fixtures.
/// </summary>
internal sealed class ReplayFile
{
    /// <summary>The instant a frame's <c>timestampMs</c> counts from (also the start time given to the evaluator).</summary>
    public static readonly DateTimeOffset Origin = DateTimeOffset.UnixEpoch;

    private ReplayFile(string challengeType, JsonElement parameters, IReadOnlyList<AnalyzedFrame> frames)
    {
        ChallengeType = challengeType;
        Parameters = parameters;
        Frames = frames;
    }

    public string ChallengeType { get; }

    public JsonElement Parameters { get; }

    /// <summary>The analysed frames, in receive order.</summary>
    public IReadOnlyList<AnalyzedFrame> Frames { get; }

    /// <summary>Reads a replay file's text.</summary>
    /// <exception cref="ReplayInputException">The text is not a valid replay file; the message says why.</exception>
    public static ReplayFile Parse(string json)
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

            if (!root.TryGetProperty("parameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                throw new ReplayInputException("missing \"parameters\" (an object).");
            }

            if (!root.TryGetProperty("frames", out var frames) || frames.ValueKind != JsonValueKind.Array)
            {
                throw new ReplayInputException("missing \"frames\" (an array).");
            }

            return new ReplayFile(type.GetString()!, parameters.Clone(), ReadFrames(frames));
        }
    }

    /// <summary>Reads a replay file.</summary>
    /// <exception cref="ReplayInputException">The file is not a valid replay file.</exception>
    public static ReplayFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>The frame size the parameters were made for (<c>imageWidth</c>, <c>imageHeight</c>).</summary>
    /// <exception cref="ReplayInputException">The parameters lack an integer size.</exception>
    public (int Width, int Height) FrameSize() => (ReadSize("imageWidth"), ReadSize("imageHeight"));

    /// <summary>The evaluator arguments of this file's session (started at <see cref="Origin"/>).</summary>
    public ChallengeEvaluatorArguments EvaluatorArguments()
    {
        var (width, height) = FrameSize();
        return new ChallengeEvaluatorArguments(Parameters, width, height, Origin);
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
            result.Add(new AnalyzedFrame(index, Origin.AddMilliseconds(ms), details));
        }

        return result;
    }
}
