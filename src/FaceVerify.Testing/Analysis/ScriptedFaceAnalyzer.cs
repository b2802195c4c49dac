using System.Collections.Concurrent;

namespace FaceVerify.Testing;

/// <summary>
/// An <see cref="IFaceAnalyzer"/> that answers from a script instead of looking at pixels: a function of the image
/// (for example of the <see cref="TestFrames"/> variant it was built with), a queue of answers, or recorded
/// Rekognition JSON. It counts calls, can fail a number of calls first (to exercise retries), and can wait on a
/// latency per call (on the <see cref="TimeProvider"/> given, or real time).
/// </summary>
public sealed class ScriptedFaceAnalyzer : IFaceAnalyzer
{
    private volatile Func<FaceImage, int, FaceAnalysis> _script;
    private readonly ConcurrentQueue<FaceAnalysis>? _queue;
    private int _calls;
    private int _failuresLeft;

    /// <summary>Answers each call with <paramref name="script"/>(image, zero-based call index).</summary>
    /// <param name="script">The answer for an image.</param>
    public ScriptedFaceAnalyzer(Func<FaceImage, int, FaceAnalysis> script)
    {
        ArgumentNullException.ThrowIfNull(script);
        _script = script;
    }

    private ScriptedFaceAnalyzer(IEnumerable<FaceAnalysis> answers)
    {
        _queue = new ConcurrentQueue<FaceAnalysis>(answers);
        _script = (_, _) => _queue.TryDequeue(out var next) ? next : FaceAnalysis.NoFaces;
    }

    /// <summary>How many times <see cref="AnalyzeAsync"/> was called (failed calls included).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>A delay before each answer. Default: none.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The attributes this analyzer declares it measures (e.g. without <see cref="FaceAttributes.Gaze"/> to play an engine with no iris model). Default: <see cref="FaceAttributes.All"/>.</summary>
    public FaceAttributes MeasuredAttributes { get; set; } = FaceAttributes.All;

    /// <summary>The clock <see cref="Latency"/> is waited on. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The exception thrown by scripted failures. Default: an <see cref="IOException"/> (a transient fault).</summary>
    public Func<Exception> Failure { get; set; } = () => new IOException("Scripted analyzer failure.");

    /// <summary>Answers calls in order from <paramref name="answers"/>; once they run out, every call finds no face.</summary>
    /// <param name="answers">The answers.</param>
    /// <returns>The analyzer.</returns>
    public static ScriptedFaceAnalyzer FromQueue(IEnumerable<FaceAnalysis> answers) => new(answers);

    /// <summary>Answers each <see cref="TestFrames"/> frame by its variant; other images find no face.</summary>
    /// <param name="byVariant">The faces for a variant.</param>
    /// <returns>The analyzer.</returns>
    public static ScriptedFaceAnalyzer ByVariant(Func<int, IReadOnlyList<FaceDetails>> byVariant)
    {
        ArgumentNullException.ThrowIfNull(byVariant);
        return new ScriptedFaceAnalyzer((image, _) => TestFrames.ReadVariant(image.Content.Span) is { } v ? new FaceAnalysis(byVariant(v)) : FaceAnalysis.NoFaces);
    }

    /// <summary>Answers every call with the faces of a recorded Rekognition <c>DetectFaces</c> response.</summary>
    /// <param name="detectFacesResponseJson">The response body.</param>
    /// <returns>The analyzer.</returns>
    public static ScriptedFaceAnalyzer FromRekognitionJson(string detectFacesResponseJson)
    {
        var faces = FaceDetailsJson.ParseDetectFacesResponse(detectFacesResponseJson);
        return new ScriptedFaceAnalyzer((_, _) => new FaceAnalysis(faces));
    }

    /// <summary>Answers every call with <paramref name="analysis"/> (for example <see cref="FaceAnalysis.Rejected"/>).</summary>
    /// <param name="analysis">The answer.</param>
    /// <returns>The analyzer.</returns>
    public static ScriptedFaceAnalyzer Always(FaceAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return new ScriptedFaceAnalyzer((_, _) => analysis);
    }

    /// <summary>
    /// Answers each frame of a recorded Rekognition <c>DetectFaces</c> session in order: one response body per call,
    /// then no face once they run out.
    /// </summary>
    /// <param name="detectFacesResponsesJson">The response bodies, in call order.</param>
    /// <returns>The analyzer.</returns>
    public static ScriptedFaceAnalyzer FromRekognitionJson(IEnumerable<string> detectFacesResponsesJson)
    {
        ArgumentNullException.ThrowIfNull(detectFacesResponsesJson);
        return FromQueue(detectFacesResponsesJson.Select(json => new FaceAnalysis(FaceDetailsJson.ParseDetectFacesResponse(json))).ToArray());
    }

    /// <summary>
    /// An analyzer that <see cref="Play">plays</see> <paramref name="frames"/>: it answers the frames of
    /// <see cref="FrameSequence.ToJpegFrames"/> with their faces, whatever order they arrive in.
    /// </summary>
    /// <param name="frames">The sequence.</param>
    /// <param name="firstVariant">The <see cref="TestFrames"/> variant of the first frame.</param>
    /// <returns>The analyzer.</returns>
    public static ScriptedFaceAnalyzer ForSequence(FrameSequence frames, int firstVariant = 0)
        => new ScriptedFaceAnalyzer((_, _) => FaceAnalysis.NoFaces).Play(frames, firstVariant);

    /// <summary>
    /// From now on, answers a <see cref="TestFrames"/> frame of variant <paramref name="firstVariant"/> + i with frame i
    /// of <paramref name="frames"/> (other images find no face). Call it after a session started, once its parameters
    /// are known: <c>analyzer.Play(NoseSequences.Genuine(parameters))</c>, then upload <see cref="FrameSequence.ToJpegFrames"/>.
    /// </summary>
    /// <param name="frames">The sequence to answer with.</param>
    /// <param name="firstVariant">The variant of the sequence's first frame.</param>
    /// <returns>This analyzer.</returns>
    public ScriptedFaceAnalyzer Play(FrameSequence frames, int firstVariant = 0)
    {
        ArgumentNullException.ThrowIfNull(frames);
        _script = (image, _) => TestFrames.ReadVariant(image.Content.Span) is { } v && v - firstVariant >= 0 && v - firstVariant < frames.Count
            ? frames[v - firstVariant].ToAnalysis()
            : FaceAnalysis.NoFaces;
        return this;
    }

    /// <summary>Makes the next <paramref name="count"/> calls throw <see cref="Failure"/>.</summary>
    /// <param name="count">How many calls fail.</param>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <inheritdoc />
    public async ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _calls) - 1;
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, TimeProvider, cancellationToken).ConfigureAwait(false);
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw Failure();
        }

        Interlocked.Exchange(ref _failuresLeft, Math.Max(Volatile.Read(ref _failuresLeft), 0));
        return _script(image, index);
    }
}
