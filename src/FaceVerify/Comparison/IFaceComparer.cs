namespace FaceVerify;

/// <summary>Compares the largest face in two images (Rekognition <c>CompareFaces</c>, or another engine).</summary>
public interface IFaceComparer
{
    /// <summary>Compares the face in <paramref name="source"/> with the face in <paramref name="target"/>.</summary>
    /// <param name="source">The reference image (e.g. the enrolled face).</param>
    /// <param name="target">The image to check (e.g. the session's best frame).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The similarity, or why there was nothing to compare.</returns>
    ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken);
}
