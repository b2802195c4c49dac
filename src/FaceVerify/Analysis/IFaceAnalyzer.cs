namespace FaceVerify;

/// <summary>
/// Per-frame face analysis (Rekognition <c>DetectFaces</c> with all attributes, or any other engine). Implementations
/// return expected rejections (unreadable image, too large) as <see cref="FaceAnalysis.Rejection"/> and throw only for
/// infrastructure faults; the caller's resilience pipeline retries those.
/// </summary>
public interface IFaceAnalyzer
{
    /// <summary>Finds the faces in one image.</summary>
    /// <param name="image">The image and its validated format and size.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The faces found, or the reason the image was rejected.</returns>
    ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken);

    /// <summary>
    /// The attributes this analyzer measures. The pose challenge asks only for poses it can judge from them, and a
    /// configured pose it cannot judge fails start-up. Default: <see cref="FaceAttributes.All"/>.
    /// </summary>
    FaceAttributes MeasuredAttributes => FaceAttributes.All;
}
