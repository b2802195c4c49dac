using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>
/// Completes a session through the store's conditional write and tells whether this call's write won, by a random
/// <see cref="SessionOutcome.CompletionId"/>: two instances completing the same session with the same outcome (two
/// verifies, a verify and the sweeper, two sweepers) cannot both think they won, so outcomes are counted once.
/// </summary>
internal static class SessionCompletion
{
    /// <summary>The outcome of a session that expired before it was verified (the same whether verify or the sweeper records it).</summary>
    public static SessionOutcome Expired { get; } = new(SessionStatus.Expired, ChallengeReason.SessionExpired, Detail: "The session expired before it was verified.");

    public static async ValueTask<(ChallengeSession? Stored, bool Won)> CompleteAsync(IAttemptStore store, string sessionId, SessionOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var mine = outcome with { CompletionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)) };
        var stored = await store.CompleteSessionAsync(sessionId, mine, completedAt, cancellationToken).ConfigureAwait(false);
        var won = stored?.Outcome is { } written && string.Equals(written.CompletionId, mine.CompletionId, StringComparison.Ordinal);
        return (stored, won);
    }
}
