namespace FaceVerify.Testing;

/// <summary>One line of a <see cref="ChallengeRun"/>'s trace: what the evaluator answered for one frame.</summary>
/// <param name="Sequence">The frame's 0-based position.</param>
/// <param name="At">The frame's receive offset from the start of the run.</param>
/// <param name="FaceCount">How many faces the frame had.</param>
/// <param name="Verdict">The evaluator's answer for the frame.</param>
public readonly record struct FrameDecision(int Sequence, TimeSpan At, int FaceCount, ChallengeVerdict Verdict)
{
    /// <inheritdoc />
    public override string ToString()
        => $"#{Sequence} +{At.TotalMilliseconds:0}ms faces={FaceCount}: {Verdict.Kind}" + (Verdict.IsDecided ? $" {Verdict.Reason}" + (Verdict.Detail is null ? string.Empty : $" ({Verdict.Detail})") : string.Empty);
}
