using System.Net;

namespace FaceVerify.Aws.Tests.Rekognition;

/// <summary>One scripted answer of a fake Rekognition endpoint.</summary>
internal sealed record ScriptedResponse(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public static ScriptedResponse Ok(string fixture) => new(HttpStatusCode.OK, RekognitionTestData.Load(fixture));

    public static ScriptedResponse Error(HttpStatusCode status, string fixture, IReadOnlyDictionary<string, string>? headers = null)
        => new(status, RekognitionTestData.Load("errors/" + fixture), (headers ?? new Dictionary<string, string>()).Append(new("x-amzn-RequestId", "03507c9b-7e84-11e9-9ad1-854a4567eb71")).ToDictionary());

    /// <summary>Never answers; the client's attempt timeout must give up.</summary>
    public static ScriptedResponse Hanging() => new(HttpStatusCode.OK, string.Empty, Hang: true);
}

/// <summary>A request as the fake endpoint received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Target => Headers.TryGetValue("x-amz-target", out var value) ? value : string.Empty;

    public string Operation => Target.StartsWith("RekognitionService.", StringComparison.Ordinal) ? Target["RekognitionService.".Length..] : Target;

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>The script both fakes share: answers in order, then the fallback; records every request.</summary>
internal sealed class RekognitionScript
{
    private readonly Queue<ScriptedResponse> _queue = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _lock = new();

    public Func<RecordedRequest, ScriptedResponse>? Fallback { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public RekognitionScript Then(ScriptedResponse response)
    {
        lock (_lock)
        {
            _queue.Enqueue(response);
        }

        return this;
    }

    public RekognitionScript Then(ScriptedResponse response, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Then(response);
        }

        return this;
    }

    public ScriptedResponse Next(RecordedRequest request)
    {
        lock (_lock)
        {
            _requests.Add(request);
            if (_queue.TryDequeue(out var next))
            {
                return next;
            }
        }

        return Fallback?.Invoke(request) ?? throw new InvalidOperationException($"No scripted response left for {request.Target}.");
    }
}
