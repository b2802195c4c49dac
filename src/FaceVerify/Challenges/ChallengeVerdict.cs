namespace FaceVerify;

/// <summary>An evaluator's answer for one frame.</summary>
/// <param name="Kind">Continue, passed or failed.</param>
/// <param name="Reason">Why; <see cref="ChallengeReason.None"/> while undecided.</param>
/// <param name="Detail">An optional short, non-sensitive explanation (never image data, landmarks or tokens).</param>
public readonly record struct ChallengeVerdict(VerdictKind Kind, ChallengeReason Reason, string? Detail = null)
{
    /// <summary>Undecided: feed more frames.</summary>
    public static ChallengeVerdict Continue => default;

    /// <summary>The challenge was passed.</summary>
    public static ChallengeVerdict Passed => new(VerdictKind.Passed, ChallengeReason.Passed);

    /// <summary>Whether a decision was reached.</summary>
    public bool IsDecided => Kind != VerdictKind.Continue;

    /// <summary>The challenge was failed for <paramref name="reason"/>.</summary>
    /// <param name="reason">The reason.</param>
    /// <param name="detail">An optional short, non-sensitive explanation.</param>
    /// <returns>The verdict.</returns>
    public static ChallengeVerdict Fail(ChallengeReason reason, string? detail = null) => new(VerdictKind.Failed, reason, detail);
}
