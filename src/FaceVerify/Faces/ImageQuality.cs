namespace FaceVerify;

/// <summary>Image quality of the face region, 0–100, as Rekognition's <c>Quality</c>.</summary>
/// <param name="Brightness">Brightness, 0–100.</param>
/// <param name="Sharpness">Sharpness, 0–100.</param>
public readonly record struct ImageQuality(double Brightness, double Sharpness);
