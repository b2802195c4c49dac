namespace FaceVerify.Testing;

/// <summary>Drives a session of an <see cref="IChallengeSessionService"/> with a <see cref="FrameSequence"/>, as a client would.</summary>
public static class ChallengeSessionServiceTestExtensions
{
    /// <summary>
    /// Uploads one <see cref="TestFrames"/> JPEG per frame of <paramref name="frames"/> (variant
    /// <paramref name="firstVariant"/> + index, the bytes a <see cref="ScriptedFaceAnalyzer"/> that
    /// <see cref="ScriptedFaceAnalyzer.Play">plays</see> the sequence recognises). When <paramref name="clock"/> is the
    /// service's <see cref="TimeProvider"/>, it is moved so that each frame is received at its offset after the
    /// first upload, which is how the sequence's timing reaches the challenge.
    /// </summary>
    /// <param name="service">The session service.</param>
    /// <param name="session">The started session.</param>
    /// <param name="frames">The frames; their size must be the session's frame size.</param>
    /// <param name="clock">The service's manual clock, or <see langword="null"/> to upload without moving time.</param>
    /// <param name="firstVariant">The <see cref="TestFrames"/> variant of the first frame.</param>
    /// <param name="cancellationToken">Cancels the uploads.</param>
    /// <returns>The service's answer to each upload, in order.</returns>
    public static async Task<IReadOnlyList<FrameSubmissionResult>> SubmitFramesAsync(
        this IChallengeSessionService service,
        StartChallengeResult session,
        FrameSequence frames,
        ManualTimeProvider? clock = null,
        int firstVariant = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(frames);
        if (session.SessionId is null)
        {
            throw new ArgumentException($"The session did not start ({session.Reason}).", nameof(session));
        }

        var jpegs = frames.ToJpegFrames(firstVariant);
        var start = clock?.GetUtcNow();
        var results = new FrameSubmissionResult[jpegs.Count];
        for (var i = 0; i < jpegs.Count; i++)
        {
            if (clock is not null && start is { } s && s + frames[i].At > clock.GetUtcNow())
            {
                clock.SetUtcNow(s + frames[i].At);
            }

            results[i] = await service.SubmitFrameAsync(session.SessionId, new SessionAccess(session.SessionToken), jpegs[i], cancellationToken).ConfigureAwait(false);
        }

        return results;
    }
}
