namespace FaceVerify;

/// <summary>Compares faces in two images (Rekognition <c>CompareFaces</c>, or another engine).</summary>
public interface IFaceComparer
{
    /// <summary>
    /// Compares the largest face in <paramref name="source"/> with the faces in <paramref name="target"/> and reports the
    /// best similarity. FaceVerify passes a session frame as the source (so only the face of the person in front of the
    /// camera counts) and the enrolled reference photo, or the session's deciding frame, as the target.
    /// </summary>
    /// <param name="source">The image whose largest face is compared (e.g. a session frame).</param>
    /// <param name="target">The image compared with (e.g. the enrolled reference photo).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The similarity, or why there was nothing to compare.</returns>
    ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken);
}
