namespace FaceVerify.Testing;

/// <summary>
/// Entry point of the fluent face builder: <c>Face.At(0.3, 0.2, 0.4, 0.5).NoseAt(0.62, 0.55).Turned(12).Smiling().Build()</c>.
/// All coordinates are ratios of the image, as in Rekognition.
/// </summary>
public static class Face
{
    /// <summary>A frontal, confident, open-eyed, neutral face whose bounding box is at the given place.</summary>
    /// <param name="left">Left edge, ratio of the image width.</param>
    /// <param name="top">Top edge, ratio of the image height.</param>
    /// <param name="width">Width, ratio of the image width.</param>
    /// <param name="height">Height, ratio of the image height.</param>
    /// <returns>The builder.</returns>
    public static FaceBuilder At(double left, double top, double width, double height) => new(new BoundingBox(width, height, left, top));

    /// <summary>A face of the given size centred on (<paramref name="centerX"/>, <paramref name="centerY"/>).</summary>
    /// <param name="centerX">Centre, ratio of the image width.</param>
    /// <param name="centerY">Centre, ratio of the image height.</param>
    /// <param name="width">Width, ratio of the image width.</param>
    /// <param name="height">Height, ratio of the image height.</param>
    /// <returns>The builder.</returns>
    public static FaceBuilder CenteredAt(double centerX, double centerY, double width, double height)
        => At(centerX - (width / 2), centerY - (height / 2), width, height);
}
