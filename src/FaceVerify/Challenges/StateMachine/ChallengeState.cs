namespace FaceVerify;

/// <summary>One named state of a <see cref="StateMachineChallenge{TParameters, TScratch}"/>.</summary>
/// <typeparam name="TParameters">The challenge's parameters type.</typeparam>
/// <typeparam name="TScratch">The per-evaluator scratch type.</typeparam>
public sealed class ChallengeState<TParameters, TScratch>
    where TParameters : class
    where TScratch : class
{
    /// <summary>Creates a state.</summary>
    /// <param name="name">The state's name, unique within the challenge (used by <see cref="StateResult.Next(string)"/> and in timeout details).</param>
    /// <param name="timeout">
    /// How long the state may last, measured on server receive time from the first frame it sees; a later frame
    /// received strictly after start + timeout fails the challenge with <see cref="ChallengeReason.StateTimeout"/>.
    /// <see langword="null"/> for no timeout.
    /// </param>
    /// <param name="handler">The state's logic.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is not positive.</exception>
    public ChallengeState(string name, TimeSpan? timeout, StateHandler<TParameters, TScratch> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(handler);
        if (timeout is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(t, TimeSpan.Zero, nameof(timeout));
        }

        Name = name;
        Timeout = timeout;
        Handler = handler;
    }

    /// <summary>The state's name.</summary>
    public string Name { get; }

    /// <summary>The state's timeout, or <see langword="null"/> for none.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The state's logic.</summary>
    public StateHandler<TParameters, TScratch> Handler { get; }
}
