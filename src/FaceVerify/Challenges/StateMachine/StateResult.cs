namespace FaceVerify;

/// <summary>
/// A state's answer for one frame: <see cref="Continue"/>, <see cref="Next(int)"/>, <see cref="Pass"/> or
/// <see cref="Fail"/>. Only these factories create results, so a state cannot return anything the engine does not
/// understand; <c>default</c> is <see cref="Continue"/>.
/// </summary>
public readonly record struct StateResult
{
    private StateResult(StateResultKind kind, int nextState, string? nextStateName, ChallengeReason reason, string? detail)
    {
        Kind = kind;
        NextState = nextState;
        NextStateName = nextStateName;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>Stay in this state; the next frame goes to it (its timeout keeps running).</summary>
    public static StateResult Continue => default;

    /// <summary>The challenge is passed.</summary>
    public static StateResult Pass => new(StateResultKind.Pass, -1, null, ChallengeReason.Passed, null);

    /// <summary>What was decided.</summary>
    public StateResultKind Kind { get; }

    /// <summary>For <see cref="StateResultKind.Next"/> by index: the 0-based index of the next state; otherwise −1 (or 0 for <see cref="Continue"/>).</summary>
    public int NextState { get; }

    /// <summary>For <see cref="StateResultKind.Next"/> by name: the name of the next state; otherwise <see langword="null"/>.</summary>
    public string? NextStateName { get; }

    /// <summary>For <see cref="StateResultKind.Fail"/>: why; <see cref="ChallengeReason.Passed"/> for a pass; otherwise <see cref="ChallengeReason.None"/>.</summary>
    public ChallengeReason Reason { get; }

    /// <summary>For <see cref="StateResultKind.Fail"/>: an optional short, non-sensitive explanation.</summary>
    public string? Detail { get; }

    /// <summary>Moves to the state at <paramref name="state"/> (0-based, in the order the states were given), which re-processes the same frame. Moving to the current state is the same as <see cref="Continue"/>.</summary>
    /// <param name="state">The index of the next state.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="state"/> is negative.</exception>
    public static StateResult Next(int state)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(state);
        return new(StateResultKind.Next, state, null, ChallengeReason.None, null);
    }

    /// <summary>Moves to the state named <paramref name="name"/> (ordinal match), which re-processes the same frame. Moving to the current state is the same as <see cref="Continue"/>.</summary>
    /// <param name="name">The name of the next state.</param>
    /// <returns>The result.</returns>
    public static StateResult Next(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(StateResultKind.Next, -1, name, ChallengeReason.None, null);
    }

    /// <summary>Fails the challenge.</summary>
    /// <param name="reason">Why; neither <see cref="ChallengeReason.None"/> nor <see cref="ChallengeReason.Passed"/>.</param>
    /// <param name="detail">An optional short, non-sensitive explanation (never image data, landmarks or tokens). Prefer a constant string: it is not copied.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is <see cref="ChallengeReason.None"/> or <see cref="ChallengeReason.Passed"/>.</exception>
    public static StateResult Fail(ChallengeReason reason, string? detail = null)
    {
        if (reason is ChallengeReason.None or ChallengeReason.Passed)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "A failure needs a failure reason.");
        }

        return new(StateResultKind.Fail, -1, null, reason, detail);
    }
}
