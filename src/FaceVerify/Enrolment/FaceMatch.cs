namespace FaceVerify;

/// <summary>The result of <see cref="IFaceCollection.MatchUserAsync"/>.</summary>
/// <param name="Similarity">The best similarity between the probe face and the user's enrolled faces, 0–100; 0 when none matched.</param>
/// <param name="ProbeFaceFound">Whether the probe image had a face.</param>
/// <param name="UserEnrolled">Whether the user has an enrolled face.</param>
public readonly record struct FaceMatch(double Similarity, bool ProbeFaceFound, bool UserEnrolled);
