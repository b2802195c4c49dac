using System.Text.Json;

namespace FaceVerify;

/// <summary>
/// The session aggregate: one liveness challenge for one user. Immutable; each lifecycle transition returns a new
/// snapshot and refuses illegal moves (Created → Collecting → Passed | Failed | Expired; a final state never changes).
/// Stores persist snapshots with conditional writes, so a transition that raced with another instance is detected.
/// </summary>
public sealed record ChallengeSession
{
    /// <summary>The session id (random, URL-safe).</summary>
    public required string Id { get; init; }

    /// <summary>The user the session belongs to.</summary>
    public required string UserId { get; init; }

    /// <summary>The challenge type name.</summary>
    public required string ChallengeType { get; init; }

    /// <summary>The challenge parameters created at start.</summary>
    public required JsonElement Parameters { get; init; }

    /// <summary>Width in pixels every frame must have.</summary>
    public required int FrameWidth { get; init; }

    /// <summary>Height in pixels every frame must have.</summary>
    public required int FrameHeight { get; init; }

    /// <summary>When the session was created (server time).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the session expires (server time); verify after this returns <see cref="SessionStatus.Expired"/>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When every record of the session may be deleted by the store (its TTL).</summary>
    public required DateTimeOffset RetainUntil { get; init; }

    /// <summary>The lifecycle state. Default: <see cref="SessionStatus.Created"/>.</summary>
    public SessionStatus Status { get; init; } = SessionStatus.Created;

    /// <summary>How many frames were accepted. Default: 0.</summary>
    public int FrameCount { get; init; }

    /// <summary>The sequence of the frame at which the challenge was decided, once analysis decided it ("stop analysing").</summary>
    public int? DecidedAtFrame { get; init; }

    /// <summary>The outcome, once the session is final.</summary>
    public SessionOutcome? Outcome { get; init; }

    /// <summary>When the session became final.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Whether the session is in a final state.</summary>
    public bool IsFinal => Status is SessionStatus.Passed or SessionStatus.Failed or SessionStatus.Expired;

    /// <summary>Whether the session has expired at <paramref name="now"/>.</summary>
    /// <param name="now">The server's current time.</param>
    /// <returns><see langword="true"/> when <paramref name="now"/> is at or past <see cref="ExpiresAt"/>.</returns>
    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Records one more accepted frame (Created or Collecting → Collecting).</summary>
    /// <returns>The new snapshot.</returns>
    /// <exception cref="InvalidOperationException">The session is final.</exception>
    public ChallengeSession WithFrameAccepted()
    {
        EnsureTransition(SessionStatus.Collecting);
        return this with { Status = SessionStatus.Collecting, FrameCount = FrameCount + 1 };
    }

    /// <summary>Marks the challenge as decided at frame <paramref name="sequence"/>; analysis of later frames stops.</summary>
    /// <param name="sequence">The deciding frame.</param>
    /// <returns>The new snapshot.</returns>
    /// <exception cref="InvalidOperationException">The session is final, or already decided at another frame.</exception>
    public ChallengeSession WithDecidedAt(int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        if (IsFinal || Status != SessionStatus.Collecting)
        {
            throw new InvalidOperationException($"A session in state {Status} cannot be marked decided.");
        }

        if (DecidedAtFrame is { } existing && existing != sequence)
        {
            throw new InvalidOperationException($"The session was already decided at frame {existing}.");
        }

        return this with { DecidedAtFrame = sequence };
    }

    /// <summary>Completes the session (Created or Collecting → Passed, Failed or Expired).</summary>
    /// <param name="outcome">The outcome; its status must be final.</param>
    /// <param name="now">The server's current time.</param>
    /// <returns>The new, final snapshot.</returns>
    /// <exception cref="InvalidOperationException">The session is already final, or the outcome is not final.</exception>
    public ChallengeSession Complete(SessionOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Status is not (SessionStatus.Passed or SessionStatus.Failed or SessionStatus.Expired))
        {
            throw new InvalidOperationException($"{outcome.Status} is not a final state.");
        }

        EnsureTransition(outcome.Status);
        return this with { Status = outcome.Status, Outcome = outcome, CompletedAt = now };
    }

    /// <summary>Whether moving from <paramref name="from"/> to <paramref name="to"/> is a legal transition.</summary>
    /// <param name="from">The current state.</param>
    /// <param name="to">The wanted state.</param>
    /// <returns><see langword="true"/> when the lifecycle allows it.</returns>
    public static bool CanTransition(SessionStatus from, SessionStatus to) => (from, to) switch
    {
        (SessionStatus.Created, SessionStatus.Collecting) => true,
        (SessionStatus.Collecting, SessionStatus.Collecting) => true,
        (SessionStatus.Created or SessionStatus.Collecting, SessionStatus.Passed or SessionStatus.Failed or SessionStatus.Expired) => true,
        _ => false,
    };

    private void EnsureTransition(SessionStatus to)
    {
        if (!CanTransition(Status, to))
        {
            throw new InvalidOperationException($"A session cannot move from {Status} to {to}.");
        }
    }
}
