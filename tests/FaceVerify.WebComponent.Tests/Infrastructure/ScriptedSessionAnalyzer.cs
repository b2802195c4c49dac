using FaceVerify.Testing;

namespace FaceVerify.WebComponent.Tests;

/// <summary>
/// The component tests' face analyzer: it does not look at the camera's pixels (the videos are synthetic) but answers
/// the frames of the latest session, in the order they are analysed, from a <see cref="FrameSequence"/> of
/// FaceVerify.Testing made for that session's real parameters — a genuine user (<see cref="NoseSequences.Genuine"/>,
/// <see cref="PoseSequences.Genuine"/>) or an attack (<see cref="NoseSequences.RigidPhoto"/>,
/// <see cref="PoseSequences.SecondPersonAppears"/>). Everything else (the component, HTTP, sessions, the built-in
/// challenges' decisions, tokens) is the real code. Once the sequence runs out, the last frame repeats.
/// </summary>
internal sealed class ScriptedSessionAnalyzer : IFaceAnalyzer
{
    private readonly Lock _gate = new();
    private FrameSequence? _sequence;
    private int _next;

    public void Begin(FrameSequence sequence)
    {
        lock (_gate)
        {
            _sequence = sequence;
            _next = 0;
        }
    }

    public ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_sequence is not { Count: > 0 } sequence)
            {
                return ValueTask.FromResult(FaceAnalysis.NoFaces);
            }

            var frame = sequence[Math.Min(_next++, sequence.Count - 1)];
            return ValueTask.FromResult(frame.ToAnalysis());
        }
    }
}
