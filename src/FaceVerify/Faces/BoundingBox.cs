namespace FaceVerify;

/// <summary>
/// A face's bounding box. Every value is a ratio of the image (Left and Width of its width, Top and Height of its
/// height), exactly as Amazon Rekognition's <c>BoundingBox</c>; values can fall slightly outside 0–1 for faces cut
/// off at the image edge.
/// </summary>
/// <param name="Width">Width as a ratio of the image width.</param>
/// <param name="Height">Height as a ratio of the image height.</param>
/// <param name="Left">Left edge as a ratio of the image width.</param>
/// <param name="Top">Top edge as a ratio of the image height.</param>
public readonly record struct BoundingBox(double Width, double Height, double Left, double Top);
