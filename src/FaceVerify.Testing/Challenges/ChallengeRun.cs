namespace FaceVerify.Testing;

/// <summary>The result of <see cref="ChallengeHarness.Run(IChallenge, System.Text.Json.JsonElement, FrameSequence)"/>: the outcome and the per-frame trace.</summary>
public sealed record ChallengeRun
{
    /// <summary>The deciding verdict, or <see cref="ChallengeVerdict.Continue"/> when the frames ran out first.</summary>
    public required ChallengeVerdict Verdict { get; init; }

    /// <summary>The sequence of the frame that decided, or <see langword="null"/> when undecided.</summary>
    public int? DecidedAtFrame { get; init; }

    /// <summary>The receive offset of the frame that decided, or <see langword="null"/> when undecided.</summary>
    public TimeSpan? DecidedAt { get; init; }

    /// <summary>Every frame fed to the evaluator, with its answer, in order. Feeding stops at the deciding frame, as a session does.</summary>
    public required IReadOnlyList<FrameDecision> Trace { get; init; }

    /// <summary>Whether the evaluator reached a decision.</summary>
    public bool IsDecided => Verdict.IsDecided;

    /// <summary>Whether the challenge was passed.</summary>
    public bool Passed => Verdict.Kind == VerdictKind.Passed;

    /// <summary>
    /// The reason a session verified now would report: the verdict's reason when decided;
    /// <see cref="ChallengeReason.NoFrames"/> when there was no frame; otherwise <see cref="ChallengeReason.ChallengeNotCompleted"/>.
    /// </summary>
    public ChallengeReason Reason => Verdict.IsDecided ? Verdict.Reason : Trace.Count == 0 ? ChallengeReason.NoFrames : ChallengeReason.ChallengeNotCompleted;

    /// <summary>The deciding verdict's detail, if any.</summary>
    public string? Detail => Verdict.Detail;

    /// <inheritdoc />
    public override string ToString()
        => (IsDecided ? $"{Verdict.Kind} ({Reason}) at frame {DecidedAtFrame}" : $"Undecided ({Reason}) after {Trace.Count} frame(s)")
           + Environment.NewLine + string.Join(Environment.NewLine, Trace);
}
