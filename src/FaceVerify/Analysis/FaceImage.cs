namespace FaceVerify;

/// <summary>An image whose format and dimensions have been read from its bytes.</summary>
/// <param name="Content">The encoded image bytes.</param>
/// <param name="Format">The encoding.</param>
/// <param name="Width">Width in pixels, from the image header.</param>
/// <param name="Height">Height in pixels, from the image header.</param>
public readonly record struct FaceImage(ReadOnlyMemory<byte> Content, ImageFormat Format, int Width, int Height)
{
    /// <summary>The MIME type of <see cref="Format"/>.</summary>
    public string ContentType => Format == ImageFormat.Png ? "image/png" : "image/jpeg";
}
