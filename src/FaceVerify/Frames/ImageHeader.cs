namespace FaceVerify;

/// <summary>Format and dimensions read from an image's header, without decoding pixels.</summary>
/// <param name="Format">The encoding.</param>
/// <param name="Width">Width in pixels, as stored (before any EXIF rotation).</param>
/// <param name="Height">Height in pixels, as stored (before any EXIF rotation).</param>
internal readonly record struct ImageHeader(ImageFormat Format, int Width, int Height)
{
    /// <summary>
    /// The EXIF orientation (1–8) from a JPEG's Exif segment or a PNG's eXIf chunk: 0 when the image carries none,
    /// -1 when an Exif block is present but unreadable. Values other than 0 and 1 ask viewers (and Amazon Rekognition)
    /// to rotate or mirror the picture, so its analysed size is not <see cref="Width"/> × <see cref="Height"/>.
    /// </summary>
    public int Orientation { get; init; }

    /// <summary>Whether the picture is shown as stored: no orientation, or orientation 1.</summary>
    public bool IsUpright => Orientation is 0 or 1;

    /// <summary>Width × height: the number of pixels a decoder allocates for.</summary>
    public long Pixels => (long)Width * Height;
}
