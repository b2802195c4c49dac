namespace FaceVerify;

/// <summary>The details returned with an image refused by <see cref="ImageHeaderReader"/>.</summary>
internal static class ImageChecks
{
    public static string Describe(FrameSubmissionReason rejection, ImageHeader header, int maxPixels) => rejection switch
    {
        FrameSubmissionReason.Empty => "The image is empty.",
        FrameSubmissionReason.TooManyPixels => $"The image declares {header.Width}x{header.Height} = {header.Pixels} pixels; at most {maxPixels} are accepted.",
        FrameSubmissionReason.UnsupportedFormat => "The image must be a JPEG or PNG.",
        _ => "The image must be exactly one complete JPEG or PNG image (one frame header, nothing after its end).",
    };
}
