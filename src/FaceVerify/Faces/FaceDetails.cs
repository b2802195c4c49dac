namespace FaceVerify;

/// <summary>
/// One face found in one image: the vendor-neutral face model. Property names and meanings map 1:1 onto Amazon
/// Rekognition's <c>FaceDetail</c> (the JSON shape is Rekognition's), so recorded Rekognition responses deserialize
/// into it directly (see <see cref="FaceDetailsJson"/>).
/// </summary>
public sealed class FaceDetails
{
    /// <summary>The face's bounding box, as ratios of the image. Default: an empty box.</summary>
    public BoundingBox BoundingBox { get; init; }

    /// <summary>Named landmarks, as ratios of the image. Default: none.</summary>
    public IReadOnlyList<Landmark> Landmarks { get; init; } = [];

    /// <summary>Head pose in degrees. Default: frontal (0, 0, 0).</summary>
    public FacePose Pose { get; init; }

    /// <summary>Whether the eyes are open, or <see langword="null"/> when the analyzer did not report it.</summary>
    public FaceTrait? EyesOpen { get; init; }

    /// <summary>Whether the mouth is open, or <see langword="null"/> when the analyzer did not report it.</summary>
    public FaceTrait? MouthOpen { get; init; }

    /// <summary>Whether the face smiles, or <see langword="null"/> when the analyzer did not report it.</summary>
    public FaceTrait? Smile { get; init; }

    /// <summary>Confidence that this is a face, 0–100. Default: 0.</summary>
    public double Confidence { get; init; }

    /// <summary>Brightness and sharpness, or <see langword="null"/> when not reported.</summary>
    public ImageQuality? Quality { get; init; }

    /// <summary>Finds a landmark by type without allocating.</summary>
    /// <param name="type">The landmark wanted.</param>
    /// <param name="landmark">The landmark, when present.</param>
    /// <returns><see langword="true"/> when the face has that landmark.</returns>
    public bool TryGetLandmark(LandmarkType type, out Landmark landmark)
    {
        var landmarks = Landmarks;
        for (var i = 0; i < landmarks.Count; i++)
        {
            if (landmarks[i].Type == type)
            {
                landmark = landmarks[i];
                return true;
            }
        }

        landmark = default;
        return false;
    }
}
