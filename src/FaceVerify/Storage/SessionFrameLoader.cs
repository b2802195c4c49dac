namespace FaceVerify;

/// <summary>Loads a recorded frame of a session back from the <see cref="IFrameStore"/>, or fails.</summary>
internal static class SessionFrameLoader
{
    /// <summary>
    /// The stored bytes of <paramref name="frame"/> as an image of the session's frame size. A recorded frame always
    /// has its bytes (they are stored before the frame is recorded), so a missing object is an infrastructure fault,
    /// not an expected outcome.
    /// </summary>
    /// <param name="frames">The frame store.</param>
    /// <param name="session">The session the frame belongs to.</param>
    /// <param name="frame">The recorded frame.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The image.</returns>
    /// <exception cref="FaceVerificationException">The frame's bytes are missing from the store.</exception>
    public static async ValueTask<FaceImage> LoadImageAsync(this IFrameStore frames, ChallengeSession session, FrameRecord frame, CancellationToken cancellationToken)
    {
        var bytes = await frames.GetAsync(frame.StorageKey, cancellationToken).ConfigureAwait(false)
            ?? throw new FaceVerificationException($"Frame {frame.Sequence} of session {session.Id} is missing from the frame store.");
        return new FaceImage(bytes, frame.Format, session.FrameWidth, session.FrameHeight);
    }
}
