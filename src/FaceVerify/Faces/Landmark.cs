namespace FaceVerify;

/// <summary>A named facial landmark; <see cref="X"/> and <see cref="Y"/> are ratios of the image width and height.</summary>
/// <param name="Type">Which landmark this is.</param>
/// <param name="X">Horizontal position, from the left, as a ratio of the image width.</param>
/// <param name="Y">Vertical position, from the top, as a ratio of the image height.</param>
public readonly record struct Landmark(LandmarkType Type, double X, double Y);
