namespace FaceVerify;

/// <summary>
/// Records sessions that expired without a verify as <see cref="SessionStatus.Expired"/>. Safe to run on many instances
/// at once: each completion is the store's conditional write, and only the instance whose write won counts it.
/// Runs periodically as a hosted service (<see cref="SessionExpiryOptions.Enabled"/>); call it yourself from a
/// scheduled job where no hosted service runs.
/// </summary>
public interface ISessionExpirySweeper
{
    /// <summary>Sweeps one batch of expired sessions.</summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>How many sessions this call completed as Expired (sessions another instance or a verify completed first are not counted).</returns>
    ValueTask<int> SweepAsync(CancellationToken cancellationToken);
}
