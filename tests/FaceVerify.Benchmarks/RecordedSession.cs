using System.Text.Json;
using FaceVerify.Cli;

namespace FaceVerify.Benchmarks;

/// <summary>A recorded replay fixture (Rekognition FaceDetail JSON) embedded in this assembly, read by the CLI's <see cref="ReplayFile"/>.</summary>
internal sealed class RecordedSession
{
    public static readonly DateTimeOffset Epoch = ReplayFile.Origin;

    private readonly ReplayFile _file;

    private RecordedSession(ReplayFile file)
    {
        _file = file;
        Frames = [.. file.Frames];
    }

    public JsonElement Parameters => _file.Parameters;

    public AnalyzedFrame[] Frames { get; }

    public static RecordedSession Load(string resource)
    {
        using var stream = typeof(RecordedSession).Assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Missing resource {resource}.");
        using var reader = new StreamReader(stream);
        return new RecordedSession(ReplayFile.Parse(reader.ReadToEnd()));
    }

    public IChallengeEvaluator CreateEvaluator(IChallenge challenge) => challenge.CreateEvaluator(_file.EvaluatorArguments());
}
