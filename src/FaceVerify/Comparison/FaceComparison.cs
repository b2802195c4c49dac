namespace FaceVerify;

/// <summary>The result of comparing two faces.</summary>
/// <param name="Similarity">Similarity 0–100 of the best-matching target face; 0 when there was nothing to compare.</param>
/// <param name="SourceFaceFound">Whether the source image had a face.</param>
/// <param name="TargetFaceFound">Whether the target image had a face.</param>
/// <param name="Rejection">Why an image was rejected by the engine, if one was.</param>
public readonly record struct FaceComparison(double Similarity, bool SourceFaceFound, bool TargetFaceFound, ImageRejection? Rejection = null)
{
    /// <summary>Whether the faces match at <paramref name="threshold"/> or above.</summary>
    /// <param name="threshold">The minimum similarity, 0–100.</param>
    /// <returns><see langword="true"/> when both faces were found and the similarity reaches the threshold.</returns>
    public bool IsMatch(double threshold) => SourceFaceFound && TargetFaceFound && Rejection is null && Similarity >= threshold;
}
