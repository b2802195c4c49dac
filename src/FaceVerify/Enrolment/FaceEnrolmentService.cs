using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The default <see cref="IFaceEnrolmentService"/>. An enrolment is an act of a live person: the photo must match the
/// frames of a passed, unused liveness session of the same user; replacing a reference also needs a step-up (a fresh
/// face login with it, or an <see cref="IEnrolmentApproval"/>). Enrolments and deletions of one user run one at a time
/// under the user's lock in the attempt store (a conditional write), so parallel enrolments leave one reference and a
/// deletion leaves nothing behind once it answered. Engine calls share <see cref="AnalysisGate"/> with frame analysis.
/// </summary>
internal sealed class FaceEnrolmentService(
    IFaceAnalyzer analyzer,
    IFaceCollection collection,
    IFrameStore frames,
    IAttemptStore attempts,
    IOptions<FaceVerificationOptions> options,
    TimeProvider time,
    AnalysisGate gate,
    IEnumerable<IEnrolmentApproval> approvals,
    IEnumerable<IEnrolmentObserver> observers,
    ILogger<FaceEnrolmentService> logger,
    IFaceComparer? comparer = null,
    EnrolmentExpiryIndexSource? expiry = null) : IFaceEnrolmentService
{
    /// <summary>The minimum detection confidence of an enrolment face.</summary>
    internal const double MinConfidence = 90;

    /// <summary>The largest yaw or pitch, in degrees, of an enrolment face.</summary>
    internal const double MaxRotation = 30;

    /// <summary>The smallest face width, as a ratio of the photo width.</summary>
    internal const double MinFaceWidth = 0.1;

    /// <summary>How often a deletion retries the user's lock while an enrolment holds it.</summary>
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(50);

    private static readonly ImageFormat[] ReferenceFormats = [ImageFormat.Jpeg, ImageFormat.Png];

    private readonly FaceVerificationOptions _options = options.Value;
    private readonly IEnrolmentApproval[] _approvals = approvals.ToArray();
    private readonly IEnrolmentObserver[] _observers = observers.ToArray();
    private readonly ILogger _logger = logger;

    public ValueTask<EnrolmentResult> EnrolAsync(string userId, ReadOnlyMemory<byte> photo, CancellationToken cancellationToken)
        => EnrolAsync(new EnrolmentRequest { UserId = userId, Photo = photo }, cancellationToken);

    public async ValueTask<EnrolmentResult> EnrolAsync(EnrolmentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var userId = request.UserId;
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var photo = request.Photo;
        if (photo.Length > _options.MaxEnrolmentPhotoBytes)
        {
            return new EnrolmentResult(EnrolmentReason.InvalidImage, Detail: $"The photo may be at most {_options.MaxEnrolmentPhotoBytes} bytes.");
        }

        var headerResult = ImageHeaderReader.TryRead(photo.Span, _options.MaxImagePixels, out var header);
        if (headerResult != FrameSubmissionReason.None)
        {
            return new EnrolmentResult(EnrolmentReason.InvalidImage, Detail: ImageChecks.Describe(headerResult, header, _options.MaxImagePixels));
        }

        if (header.Width < 80 || header.Height < 80)
        {
            return new EnrolmentResult(EnrolmentReason.LowQuality, Detail: "The photo must be at least 80x80 pixels.");
        }

        var sessionId = string.IsNullOrWhiteSpace(request.LivenessSessionId) ? null : request.LivenessSessionId;
        if (sessionId is null && _options.RequireLivenessForEnrolment)
        {
            return new EnrolmentResult(EnrolmentReason.LivenessRequired, Detail: "Enrolment needs the photo and a passed liveness session of the same user (complete a liveness check first and send its session id).");
        }

        var count = await attempts.TryCountAttemptAsync(AttemptStoreKeys.EnrolmentsOfUser(userId), time.GetUtcNow(), _options.AttemptWindow, _options.MaxEnrolmentsPerUser, cancellationToken).ConfigureAwait(false);
        if (!count.Allowed)
        {
            return new EnrolmentResult(EnrolmentReason.LockedOut, Detail: "Too many enrolment attempts; try again later.") { RetryAfter = count.WindowEndsAt };
        }

        var lockId = NewLockId();
        if (!await attempts.TryAcquireUserLockAsync(userId, lockId, time.GetUtcNow() + _options.EnrolmentLockTimeout, cancellationToken).ConfigureAwait(false))
        {
            return new EnrolmentResult(EnrolmentReason.InProgress, Detail: "Another enrolment or deletion of this user is running; nothing was changed.");
        }

        try
        {
            return await EnrolLockedAsync(request, sessionId, header, lockId, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await attempts.ReleaseUserLockAsync(userId, lockId, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask<UserDataDeletion> DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        // Wait for a running enrolment of the user (it holds the lock at most EnrolmentLockTimeout), so that nothing it
        // writes can appear after this deletion answered.
        var lockId = NewLockId();
        var giveUpAt = time.GetUtcNow() + (2 * _options.EnrolmentLockTimeout);
        while (!await attempts.TryAcquireUserLockAsync(userId, lockId, time.GetUtcNow() + _options.EnrolmentLockTimeout, cancellationToken).ConfigureAwait(false))
        {
            if (time.GetUtcNow() > giveUpAt)
            {
                throw new FaceVerificationException("The user's enrolment lock could not be taken for deletion; try again.");
            }

            await Task.Delay(LockPollInterval, time, cancellationToken).ConfigureAwait(false);
        }

        UserDataDeletion deleted;
        try
        {
            var sessionIds = await attempts.GetSessionIdsForUserAsync(userId, cancellationToken).ConfigureAwait(false);
            var objects = 0;
            foreach (var sessionId in sessionIds)
            {
                objects += await frames.DeletePrefixAsync(FrameKeys.SessionPrefix(sessionId), cancellationToken).ConfigureAwait(false);
            }

            var faces = await DeleteFacesAsync(userId, erasure: true, cancellationToken).ConfigureAwait(false);
            objects += await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(userId), cancellationToken).ConfigureAwait(false);

            // The attempt store goes last: until it is gone, the session list above can be read again by a retry. Its
            // attempt counters stay (deleting one's data must not reset one's lockout).
            await attempts.DeleteUserDataAsync(userId, cancellationToken).ConfigureAwait(false);
            deleted = new UserDataDeletion(sessionIds.Count, objects, faces);
        }
        finally
        {
            await attempts.ReleaseUserLockAsync(userId, lockId, CancellationToken.None).ConfigureAwait(false);
        }

        await NotifyAsync(new EnrolmentChange(EnrolmentChangeKind.Deleted, userId, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    private async ValueTask<EnrolmentResult> EnrolLockedAsync(EnrolmentRequest request, string? sessionId, ImageHeader header, string lockId, CancellationToken cancellationToken)
    {
        var userId = request.UserId;
        var replacing = await HasReferenceAsync(userId, cancellationToken).ConfigureAwait(false);
        var stepUp = EnrolmentStepUp.None;
        if (replacing)
        {
            stepUp = await StepUpAsync(request, cancellationToken).ConfigureAwait(false);
            if (stepUp == EnrolmentStepUp.None)
            {
                return new EnrolmentResult(EnrolmentReason.StepUpRequired, Detail: "Replacing the enrolled face needs a fresh face login with it, or the application's confirmation.");
            }
        }

        ChallengeSession? session = null;
        if (sessionId is not null)
        {
            var (found, refusal) = await RedeemSessionAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
            if (refusal is not null)
            {
                return refusal;
            }

            session = found;
        }

        var bytes = request.Photo.ToArray();
        var image = new FaceImage(bytes, header.Format, header.Width, header.Height);
        double? similarity = null;
        EnrolmentResult indexed;
        DateTimeOffset retainUntil;
        using (await gate.EnterAuxiliaryAsync(cancellationToken).ConfigureAwait(false))
        {
            var analysis = await analyzer.AnalyzeAsync(image, cancellationToken).ConfigureAwait(false);
            if (CheckFace(analysis) is { } refused)
            {
                return refused;
            }

            if (session is not null)
            {
                var (matched, score, detail) = await MatchLivenessAsync(session, image, cancellationToken).ConfigureAwait(false);
                similarity = score;
                if (!matched)
                {
                    return new EnrolmentResult(EnrolmentReason.FaceMismatch, Detail: detail) { Similarity = score };
                }
            }

            // Still ours? (a holder past EnrolmentLockTimeout may have lost the lock to a deletion: then write nothing.)
            if (!await attempts.TryAcquireUserLockAsync(userId, lockId, time.GetUtcNow() + _options.EnrolmentLockTimeout, cancellationToken).ConfigureAwait(false))
            {
                return new EnrolmentResult(EnrolmentReason.InProgress, Detail: "The enrolment took too long and gave way to another operation; nothing was changed.");
            }

            // Replace any earlier enrolment: the old faces and photos go first, so a user never has two references.
            await DeleteFacesAsync(userId, erasure: false, cancellationToken).ConfigureAwait(false);
            await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(userId), cancellationToken).ConfigureAwait(false);
            retainUntil = time.GetUtcNow() + _options.EnrolmentRetention;
            await frames.PutAsync(FrameKeys.Enrolment(userId, header.Format), bytes, image.ContentType, retainUntil, cancellationToken).ConfigureAwait(false);
            indexed = await collection.IndexFaceAsync(userId, image, cancellationToken).ConfigureAwait(false);
        }

        if (!indexed.Succeeded)
        {
            await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(userId), cancellationToken).ConfigureAwait(false);
            return new EnrolmentResult(indexed.Reason, Detail: "The face collection refused the photo.");
        }

        // The collection keeps a face until it is deleted: record when this one expires for the enrolment expiry sweeper
        // (the photo and the face-id object expire in the frame store at the same time).
        if (expiry?.Index is { } index)
        {
            await index.AddEnrolmentAsync(new ExpiringEnrolment(userId, indexed.FaceId ?? string.Empty, retainUntil), cancellationToken).ConfigureAwait(false);
        }

        // Remember the indexed face's id beside the photo: replacing or deleting it later needs no collection listing.
        await frames.PutAsync(FaceIdKey(userId), System.Text.Encoding.UTF8.GetBytes(indexed.FaceId ?? string.Empty), "text/plain", retainUntil, cancellationToken).ConfigureAwait(false);

        var kind = replacing ? EnrolmentChangeKind.Replaced : EnrolmentChangeKind.Enrolled;
        await NotifyAsync(new EnrolmentChange(kind, userId, time.GetUtcNow(), indexed.FaceId, stepUp), cancellationToken).ConfigureAwait(false);
        return new EnrolmentResult(EnrolmentReason.None, indexed.FaceId) { Replaced = replacing, Similarity = similarity };
    }

    private static string FaceIdKey(string userId) => EnrolmentKeys.FaceId(userId);

    /// <summary>
    /// Deletes the user's indexed face by the id stored at enrolment (one call, no listing of the collection). Without a
    /// stored id (a reference enrolled before ids were stored, or an interrupted enrolment) it falls back to the
    /// collection's per-user deletion: always for an erasure, otherwise only when a reference photo exists (a first
    /// enrolment has nothing to delete).
    /// </summary>
    private async ValueTask<int> DeleteFacesAsync(string userId, bool erasure, CancellationToken cancellationToken)
    {
        var stored = await frames.GetAsync(FaceIdKey(userId), cancellationToken).ConfigureAwait(false);
        if (stored is { Length: > 0 })
        {
            return await collection.DeleteFacesAsync(userId, [System.Text.Encoding.UTF8.GetString(stored)], cancellationToken).ConfigureAwait(false);
        }

        return erasure || await HasReferenceAsync(userId, cancellationToken).ConfigureAwait(false)
            ? await collection.DeleteUserFacesAsync(userId, cancellationToken).ConfigureAwait(false)
            : 0;
    }

    /// <summary>Whether the user has a stored reference photo (read by key: no listing, no collection scan).</summary>
    private async ValueTask<bool> HasReferenceAsync(string userId, CancellationToken cancellationToken)
    {
        foreach (var format in ReferenceFormats)
        {
            if (await frames.GetAsync(FrameKeys.Enrolment(userId, format), cancellationToken).ConfigureAwait(false) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An application approval first (it may hold a code the user typed), else the face-login marker; each used once.</summary>
    private async ValueTask<EnrolmentStepUp> StepUpAsync(EnrolmentRequest request, CancellationToken cancellationToken)
    {
        foreach (var approval in _approvals)
        {
            if (await approval.ApproveReplacementAsync(new EnrolmentApprovalArguments(request.UserId, request.Approval), cancellationToken).ConfigureAwait(false))
            {
                return EnrolmentStepUp.Approval;
            }
        }

        return await attempts.TryConsumeUserMarkerAsync(request.UserId, AttemptStoreKeys.FaceLoginStepUp, cancellationToken).ConfigureAwait(false)
            ? EnrolmentStepUp.FaceLogin
            : EnrolmentStepUp.None;
    }

    /// <summary>The session must be the user's, passed, within the login window, and unused; it is used up here whatever follows.</summary>
    private async ValueTask<(ChallengeSession? Session, EnrolmentResult? Refusal)> RedeemSessionAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        var session = await attempts.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);
        if (session is null || !string.Equals(session.UserId, userId, StringComparison.Ordinal))
        {
            return (null, new EnrolmentResult(EnrolmentReason.SessionNotFound, Detail: "There is no such liveness session."));
        }

        if (session.Status != SessionStatus.Passed)
        {
            return (null, new EnrolmentResult(EnrolmentReason.SessionNotPassed, Detail: "The liveness session has not passed."));
        }

        if (time.GetUtcNow() > session.CompletedAt + _options.LoginWindow
            || !await attempts.TryRedeemTokenAsync(AttemptStoreKeys.SessionProof(session.Id), session.RetainUntil, cancellationToken).ConfigureAwait(false))
        {
            return (null, new EnrolmentResult(EnrolmentReason.SessionAlreadyUsed, Detail: "The liveness session was used already or is too old; complete a new liveness check."));
        }

        return (session, null);
    }

    /// <summary>
    /// Compares the photo with two frames that proved liveness (<see cref="SessionIdentity.ReferenceProbes"/>: the two
    /// most frontal when the identity check bound them to the deciding frame, else the deciding frame and the most
    /// frontal other one); both must reach the similarity threshold.
    /// </summary>
    private async ValueTask<(bool Matched, double? Similarity, string Detail)> MatchLivenessAsync(ChallengeSession session, FaceImage photo, CancellationToken cancellationToken)
    {
        if (comparer is null)
        {
            throw new FaceVerificationException("Enrolment with a liveness session needs an IFaceComparer: call UseRekognition() (FaceVerify.Aws) or UseFaceComparer(...).");
        }

        var all = await attempts.GetFramesAsync(session.Id, cancellationToken).ConfigureAwait(false);
        var live = SessionIdentity.LivenessFrames(all, session.DecidedAtFrame);
        if (live.Count == 0)
        {
            return (false, null, "The liveness session holds no frame with one face to compare with the photo.");
        }

        var probes = SessionIdentity.ReferenceProbes(live, _options.IdentityConsistencyCheck);
        double? lowest = null;
        foreach (var frame in probes)
        {
            var image = await frames.LoadImageAsync(session, frame, cancellationToken).ConfigureAwait(false);
            var comparison = await comparer.CompareAsync(photo, image, cancellationToken).ConfigureAwait(false);
            lowest = lowest is { } l ? Math.Min(l, comparison.Similarity) : comparison.Similarity;
            if (!comparison.IsMatch(_options.SimilarityThreshold))
            {
                return (false, lowest, "The live face of the liveness session does not match the photo.");
            }
        }

        return (true, lowest, string.Empty);
    }

    private async ValueTask NotifyAsync(EnrolmentChange change, CancellationToken cancellationToken)
    {
        Log.EnrolmentChanged(_logger, change.Kind, UserPseudonym.Of(change.UserId), change.StepUp);
        foreach (var observer in _observers)
        {
            try
            {
                await observer.OnEnrolmentChangedAsync(change, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An observer's failure must not undo or hide a stored change; it is logged.
            catch (Exception exception) when (exception is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.EnrolmentObserverFailed(_logger, exception, observer.GetType().Name, change.Kind);
            }
        }
    }

    private static string NewLockId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static EnrolmentResult? CheckFace(FaceAnalysis analysis)
    {
        if (analysis.Rejection is not null)
        {
            return new EnrolmentResult(EnrolmentReason.InvalidImage, Detail: $"The analyzer could not read the photo ({analysis.Rejection}).");
        }

        if (analysis.Faces.Count == 0)
        {
            return new EnrolmentResult(EnrolmentReason.NoFace, Detail: "No face was found in the photo.");
        }

        if (analysis.Faces.Count > 1)
        {
            return new EnrolmentResult(EnrolmentReason.MultipleFaces, Detail: "The photo must show exactly one face.");
        }

        var face = analysis.Faces[0];
        if (face.Confidence < MinConfidence || Math.Abs(face.Pose.Yaw) > MaxRotation || Math.Abs(face.Pose.Pitch) > MaxRotation || face.BoundingBox.Width < MinFaceWidth)
        {
            return new EnrolmentResult(EnrolmentReason.LowQuality, Detail: "The face must be clear, large enough and facing the camera.");
        }

        return null;
    }
}
