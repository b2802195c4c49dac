using System.Collections.Concurrent;
using FaceVerify.Testing;

namespace FaceVerify.LoadTests;

/// <summary>
/// What the stand-in analyzer answers: each load session registers the faces of its frames (a <see cref="FrameSequence"/>
/// made for its own challenge parameters) under a block of frame variants; the analyzer reads a frame's variant back,
/// answers with that frame's faces, and counts the call against the session.
/// </summary>
internal sealed class SessionScripts
{
    public const int BlockSize = 1000;

    private readonly ConcurrentDictionary<int, SessionScript> _byBlock = new();
    private int _nextBlock;

    /// <summary>A <see cref="ScriptedFaceAnalyzer"/> answering from the registered scripts; set its latency per phase.</summary>
    public ScriptedFaceAnalyzer CreateAnalyzer() => new((image, _) => Answer(image));

    public SessionScript Register(FrameSequence frames)
    {
        var block = Interlocked.Increment(ref _nextBlock);
        var script = new SessionScript(frames, block * BlockSize);
        _byBlock[block] = script;
        return script;
    }

    public void Remove(SessionScript script) => _byBlock.TryRemove(script.FirstVariant / BlockSize, out _);

    private FaceAnalysis Answer(FaceImage image)
    {
        if (TestFrames.ReadVariant(image.Content.Span) is not { } variant || !_byBlock.TryGetValue(variant / BlockSize, out var script))
        {
            return FaceAnalysis.NoFaces;
        }

        return script.Answer(variant % BlockSize);
    }
}
