namespace FaceVerify;

/// <summary>
/// Reads a user's enrolled reference photo from the frame store (<see cref="FrameKeys.Enrolment"/>, stored by
/// enrolment as JPEG or PNG): the image face login compares with, one key read per format, never a search.
/// </summary>
internal static class EnrolmentReference
{
    private static readonly ImageFormat[] Formats = [ImageFormat.Jpeg, ImageFormat.Png];

    /// <summary>Loads the reference photo of <paramref name="userId"/>.</summary>
    /// <param name="frames">The frame store.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The photo, or <see langword="null"/> when the user has none (not enrolled, or deleted).</returns>
    public static async ValueTask<FaceImage?> LoadAsync(IFrameStore frames, string userId, CancellationToken cancellationToken)
    {
        foreach (var format in Formats)
        {
            var bytes = await frames.GetAsync(FrameKeys.Enrolment(userId, format), cancellationToken).ConfigureAwait(false);
            if (bytes is not null && ImageHeaderReader.TryRead(bytes, out var header) == FrameSubmissionReason.None)
            {
                return new FaceImage(bytes, header.Format, header.Width, header.Height);
            }
        }

        return null;
    }
}
