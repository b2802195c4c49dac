namespace FaceVerify;

/// <summary>Head pose in degrees (−180..180), as Amazon Rekognition's <c>Pose</c>.</summary>
/// <param name="Roll">Rotation in the image plane.</param>
/// <param name="Yaw">Rotation about the vertical axis (turning left or right).</param>
/// <param name="Pitch">Rotation about the horizontal axis (nodding up or down).</param>
public readonly record struct FacePose(double Roll, double Yaw, double Pitch);
