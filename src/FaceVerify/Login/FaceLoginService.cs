using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The default <see cref="IFaceLoginService"/>: 1:1. The user's own reference photo (from the frame store) is compared
/// by <see cref="IFaceComparer"/> with two liveness frames (<see cref="SessionIdentity.ReferenceProbes"/>): the two most
/// frontal ones when the identity check bound every liveness frame to the deciding frame, otherwise the deciding frame
/// and the most frontal other one; both must reach the similarity threshold. No collection is searched, so other users'
/// faces can never change a user's result.
/// </summary>
internal sealed class FaceLoginService(
    IAttemptStore attempts,
    IFrameStore frames,
    IFaceVerificationTokens tokens,
    IOptions<FaceVerificationOptions> options,
    TimeProvider time,
    IFaceComparer? comparer = null) : IFaceLoginService
{
    private const string NoComparer = "No face comparer is configured: call AddFaceVerification().UseRekognition() (FaceVerify.Aws) or UseFaceComparer(...) to log users in with their face.";

    private readonly FaceVerificationOptions _options = options.Value;

    public async ValueTask<FaceLoginResult> LoginAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var faces = comparer ?? throw new FaceVerificationException(NoComparer);
        var session = await attempts.GetSessionAsync(sessionId, cancellationToken).ConfigureAwait(false);

        // Another user's session and a missing one look the same: no enumeration of sessions.
        if (session is null || !string.Equals(session.UserId, userId, StringComparison.Ordinal))
        {
            return new FaceLoginResult(FaceLoginReason.SessionNotFound, Detail: "There is no such session for this user.");
        }

        if (session.Status != SessionStatus.Passed)
        {
            return new FaceLoginResult(FaceLoginReason.SessionNotPassed, Detail: "The liveness session has not passed.");
        }

        if (time.GetUtcNow() > session.CompletedAt + _options.LoginWindow)
        {
            return new FaceLoginResult(FaceLoginReason.SessionAlreadyUsed, Detail: "The liveness session was used already or is too old; complete a new liveness check.");
        }

        // Used once, whatever the comparison says: a failed comparison cannot be retried with the same liveness proof.
        if (!await attempts.TryRedeemTokenAsync(AttemptStoreKeys.SessionProof(session.Id), session.RetainUntil, cancellationToken).ConfigureAwait(false))
        {
            return new FaceLoginResult(FaceLoginReason.SessionAlreadyUsed, Detail: "The liveness session was used already or is too old; complete a new liveness check.");
        }

        // The probes are liveness frames: frames verify bound to one identity (the most frontal two when it compared them).
        var liveness = SessionIdentity.LivenessFrames(await attempts.GetFramesAsync(session.Id, cancellationToken).ConfigureAwait(false), session.DecidedAtFrame);
        var probes = ProbeFrames(liveness, _options.IdentityConsistencyCheck);
        if (probes is null)
        {
            return new FaceLoginResult(FaceLoginReason.FaceNotFound, Detail: "No usable face was found in the liveness frames.");
        }

        if (await EnrolmentReference.LoadAsync(frames, userId, cancellationToken).ConfigureAwait(false) is not { } reference)
        {
            return new FaceLoginResult(FaceLoginReason.NotEnrolled, Detail: "The user has no enrolled face.");
        }

        double? lowest = null;
        foreach (var probe in probes)
        {
            var probeImage = await frames.LoadImageAsync(session, probe, cancellationToken).ConfigureAwait(false);

            // The frame is the source: the engine compares its largest face (the person who moved), never a small face
            // elsewhere in the frame, with the single face of the reference photo.
            var comparison = await faces.CompareAsync(probeImage, reference, cancellationToken).ConfigureAwait(false);
            if (!comparison.SourceFaceFound || comparison.Rejection is not null)
            {
                return new FaceLoginResult(FaceLoginReason.FaceNotFound, Detail: "The face engine found no face in a compared frame.");
            }

            lowest = Math.Min(lowest ?? double.MaxValue, comparison.Similarity);
            if (!comparison.IsMatch(_options.SimilarityThreshold))
            {
                // An engine that reports no score gives 0: say "no score", not "0 % similar".
                return new FaceLoginResult(FaceLoginReason.FaceMismatch, comparison.Similarity > 0 ? comparison.Similarity : null, Detail: "The live face does not match the enrolled face.");
            }
        }

        return new FaceLoginResult(FaceLoginReason.None, lowest, tokens.IssueFaceLoginToken(session, lowest!.Value));
    }

    /// <summary>
    /// The two probe frames (<see cref="SessionIdentity.ReferenceProbes"/>), or <see langword="null"/> when there are not two.
    /// </summary>
    /// <param name="liveness">The session's liveness frames (<see cref="SessionIdentity.LivenessFrames"/>).</param>
    /// <param name="bound">Whether verify's identity check bound the liveness frames (it is on; face login has a comparer).</param>
    /// <returns>The probes.</returns>
    internal static FrameRecord[]? ProbeFrames(IReadOnlyList<FrameRecord> liveness, bool bound)
        => SessionIdentity.ReferenceProbes(liveness, bound) is { Count: 2 } probes ? [.. probes] : null;
}
