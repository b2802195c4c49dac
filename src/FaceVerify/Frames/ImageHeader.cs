namespace FaceVerify;

/// <summary>Format and dimensions read from an image's header, without decoding pixels.</summary>
/// <param name="Format">The encoding.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height);
