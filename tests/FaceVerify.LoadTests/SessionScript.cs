using FaceVerify.Testing;

namespace FaceVerify.LoadTests;

/// <summary>One session's scripted faces: frame i (by variant) is answered with frame min(i, last) of the sequence.</summary>
internal sealed class SessionScript(FrameSequence frames, int firstVariant)
{
    private int _calls;

    public int FirstVariant { get; } = firstVariant;

    /// <summary>Analyzer calls made for this session's frames.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public int Variant(int frameIndex) => FirstVariant + frameIndex;

    public FaceAnalysis Answer(int frameIndex)
    {
        Interlocked.Increment(ref _calls);
        return frames[Math.Min(frameIndex, frames.Count - 1)].ToAnalysis();
    }
}
