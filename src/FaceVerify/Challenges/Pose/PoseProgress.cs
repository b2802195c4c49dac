namespace FaceVerify;

/// <summary>The per-session working data of a pose challenge evaluator.</summary>
internal sealed class PoseProgress
{
    /// <summary>The sequence of the frame that completed the previous pose; it does not count for the next one.</summary>
    public int LastMatchedSequence { get; set; } = -1;

    /// <summary>Why the latest frame did not show the current pose (<see cref="ChallengeReason.None"/> before any).</summary>
    public ChallengeReason LastMismatch { get; set; }
}
