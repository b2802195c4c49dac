namespace FaceVerify;

/// <summary>
/// Ends enrolments whose <see cref="FaceVerificationOptions.EnrolmentRetention"/> is over: deletes the indexed face from
/// the face collection by its stored id and the reference photo from the frame store, so face login answers
/// <see cref="FaceLoginReason.NotEnrolled"/>. Safe to run on many instances at once: each entry is handled under the
/// user's lock (the lock enrolment and deletion take) and re-checked there, so every face is deleted once. Runs
/// periodically as a hosted service (<see cref="EnrolmentExpiryOptions.Enabled"/>); call it yourself from a scheduled
/// job where no hosted service runs.
/// </summary>
public interface IEnrolmentExpirySweeper
{
    /// <summary>Sweeps one batch of expired enrolments.</summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>How many expired enrolments this call ended (entries another instance handled first, and entries of enrolments replaced since, are not counted).</returns>
    ValueTask<int> SweepAsync(CancellationToken cancellationToken);
}
