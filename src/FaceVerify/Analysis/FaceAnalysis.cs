namespace FaceVerify;

/// <summary>The result of analysing one image: the faces found, or why the image was rejected.</summary>
public sealed class FaceAnalysis
{
    /// <summary>An analysis that found no face.</summary>
    public static FaceAnalysis NoFaces { get; } = new([]);

    /// <summary>Creates an analysis that found <paramref name="faces"/>.</summary>
    /// <param name="faces">The faces, largest first when the analyzer orders them.</param>
    public FaceAnalysis(IReadOnlyList<FaceDetails> faces)
    {
        ArgumentNullException.ThrowIfNull(faces);
        Faces = faces;
    }

    private FaceAnalysis(ImageRejection rejection)
    {
        Faces = [];
        Rejection = rejection;
    }

    /// <summary>The faces found; empty when none was found or the image was rejected.</summary>
    public IReadOnlyList<FaceDetails> Faces { get; }

    /// <summary>Why the analyzer rejected the image, or <see langword="null"/> when it was analysed.</summary>
    public ImageRejection? Rejection { get; }

    /// <summary>Creates an analysis for an image the analyzer rejected.</summary>
    /// <param name="rejection">The reason.</param>
    /// <returns>The rejected analysis.</returns>
    public static FaceAnalysis Rejected(ImageRejection rejection) => new(rejection);
}
