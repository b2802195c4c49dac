using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The default <see cref="IEnrolmentExpirySweeper"/>. For each expired entry: takes the user's lock (a lease shared with
/// enrolment and deletion; a held lock skips the entry until the next sweep), checks the entry is still indexed (another
/// sweeper may have handled it), deletes the face by its stored id, deletes the reference photo and face-id object when
/// they belong to this enrolment (a later enrolment replaced them otherwise), removes the entry and tells the observers.
/// A crash before the entry is removed leaves it for the next sweep, whose deletions are idempotent.
/// </summary>
internal sealed class EnrolmentExpirySweeper(
    IAttemptStore attempts,
    EnrolmentExpiryIndexSource source,
    IFrameStore frames,
    IFaceCollection collection,
    IOptions<EnrolmentExpiryOptions> options,
    IOptions<FaceVerificationOptions> coreOptions,
    TimeProvider time,
    IEnumerable<IEnrolmentObserver> observers,
    ILogger<EnrolmentExpirySweeper> logger) : IEnrolmentExpirySweeper
{
    private readonly EnrolmentExpiryOptions _options = options.Value;
    private readonly TimeSpan _lockTimeout = coreOptions.Value.EnrolmentLockTimeout;
    private readonly IEnrolmentObserver[] _observers = observers.ToArray();

    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (source.Index is not { } index)
        {
            return 0;
        }

        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.EnrolmentExpirySweep");
        try
        {
            var entries = await index.GetExpiredEnrolmentsAsync(time.GetUtcNow(), _options.BatchSize, cancellationToken).ConfigureAwait(false);
            var ended = 0;
            foreach (var entry in entries)
            {
                if (await EndAsync(index, entry, cancellationToken).ConfigureAwait(false))
                {
                    ended++;
                }
            }

            activity?.SetTag("faceverify.expiry.listed", entries.Count);
            activity?.SetTag("faceverify.expiry.completed", ended);
            return ended;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            activity?.SetTag("error.type", exception.GetType().FullName);
            throw;
        }
    }

    private async ValueTask<bool> EndAsync(IEnrolmentExpiryIndex index, ExpiringEnrolment entry, CancellationToken cancellationToken)
    {
        var lockId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        if (!await attempts.TryAcquireUserLockAsync(entry.UserId, lockId, time.GetUtcNow() + _lockTimeout, cancellationToken).ConfigureAwait(false))
        {
            return false; // An enrolment, a deletion or another sweeper holds the user: the next sweep sees the entry again if it is still there.
        }

        int faces;
        bool current;
        try
        {
            if (!await index.ContainsEnrolmentAsync(entry, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            // The face-id object expires with the enrolment, so it reads as absent once this enrolment is over; a
            // different id means a later enrolment replaced this one (its face was deleted then): leave its photo alone.
            var stored = await frames.GetAsync(EnrolmentKeys.FaceId(entry.UserId), cancellationToken).ConfigureAwait(false);
            current = stored is null || string.Equals(System.Text.Encoding.UTF8.GetString(stored), entry.FaceId, StringComparison.Ordinal);
            faces = entry.FaceId.Length > 0
                ? await collection.DeleteFacesAsync(entry.UserId, [entry.FaceId], cancellationToken).ConfigureAwait(false)
                : current ? await collection.DeleteUserFacesAsync(entry.UserId, cancellationToken).ConfigureAwait(false) : 0;
            if (current)
            {
                await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(entry.UserId), cancellationToken).ConfigureAwait(false);
            }

            await index.RemoveEnrolmentAsync(entry, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await attempts.ReleaseUserLockAsync(entry.UserId, lockId, CancellationToken.None).ConfigureAwait(false);
        }

        if (!current)
        {
            return false; // The entry of a replaced enrolment: its face went with the replacement, the user is still enrolled.
        }

        ExpiryLog.EnrolmentExpired(logger, UserPseudonym.Of(entry.UserId), faces);
        var change = new EnrolmentChange(EnrolmentChangeKind.Expired, entry.UserId, time.GetUtcNow(), entry.FaceId.Length > 0 ? entry.FaceId : null);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnEnrolmentChangedAsync(change, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An observer's failure must not undo or hide a stored change.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.EnrolmentObserverFailed(logger, exception, observer.GetType().Name, change.Kind);
            }
        }

        return true;
    }
}
