namespace FaceVerify;

/// <summary>Why an analyzer could not analyse an image. These are expected outcomes, never retried.</summary>
public enum ImageRejection
{
    /// <summary>The image could not be decoded (Rekognition <c>InvalidImageFormatException</c>).</summary>
    InvalidImageFormat,

    /// <summary>The image is larger than the analyzer accepts (Rekognition <c>ImageTooLargeException</c>).</summary>
    ImageTooLarge,

    /// <summary>The analyzer refused the request's parameters, e.g. an image under its minimum size (Rekognition <c>InvalidParameterException</c>).</summary>
    InvalidParameter,
}
