namespace FaceVerify;

/// <summary>Image encodings FaceVerify accepts.</summary>
public enum ImageFormat
{
    /// <summary>JPEG (JFIF or Exif, baseline or progressive).</summary>
    Jpeg,

    /// <summary>PNG.</summary>
    Png,
}
