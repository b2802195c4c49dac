using System.Text.Json;

namespace FaceVerify.Benchmarks;

/// <summary>A recorded replay fixture (Rekognition FaceDetail JSON) embedded in this assembly.</summary>
internal sealed class RecordedSession
{
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private RecordedSession(JsonElement parameters, AnalyzedFrame[] frames)
    {
        Parameters = parameters;
        Frames = frames;
    }

    public JsonElement Parameters { get; }

    public AnalyzedFrame[] Frames { get; }

    public static RecordedSession Load(string resource)
    {
        using var stream = typeof(RecordedSession).Assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Missing resource {resource}.");
        using var document = JsonDocument.Parse(stream);
        var frames = new List<AnalyzedFrame>();
        foreach (var frame in document.RootElement.GetProperty("frames").EnumerateArray())
        {
            frames.Add(new AnalyzedFrame(frames.Count, Epoch.AddMilliseconds(frame.GetProperty("timestampMs").GetInt64()), FaceDetailsJson.ReadArray(frame.GetProperty("faceDetails"))));
        }

        return new RecordedSession(document.RootElement.GetProperty("parameters").Clone(), [.. frames]);
    }

    public IChallengeEvaluator CreateEvaluator(IChallenge challenge)
        => challenge.CreateEvaluator(new ChallengeEvaluatorArguments(Parameters, Parameters.GetProperty("imageWidth").GetInt32(), Parameters.GetProperty("imageHeight").GetInt32(), Epoch));
}
