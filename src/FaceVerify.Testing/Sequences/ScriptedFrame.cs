namespace FaceVerify.Testing;

/// <summary>
/// One frame of a <see cref="FrameSequence"/>: the faces an analyzer finds in it, and when the server receives it,
/// as an offset from the first frame (server receive time is what every challenge timeout is measured on).
/// </summary>
/// <param name="At">When the server receives the frame, relative to the sequence's start.</param>
/// <param name="Faces">The faces found in the frame (empty: no face).</param>
public readonly record struct ScriptedFrame(TimeSpan At, IReadOnlyList<FaceDetails> Faces)
{
    /// <summary>The frame as an evaluator sees it.</summary>
    /// <param name="sequence">The frame's 0-based position in receive order.</param>
    /// <param name="start">The server time of the sequence's start; the frame is received at <paramref name="start"/> + <see cref="At"/>.</param>
    /// <returns>The analysed frame.</returns>
    public AnalyzedFrame ToAnalyzedFrame(int sequence, DateTimeOffset start) => new(sequence, start + At, Faces ?? []);

    /// <summary>The frame as an <see cref="IFaceAnalyzer"/> answers it.</summary>
    /// <returns>The analysis.</returns>
    public FaceAnalysis ToAnalysis() => Faces is null || Faces.Count == 0 ? FaceAnalysis.NoFaces : new FaceAnalysis(Faces);
}
