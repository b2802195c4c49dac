namespace FaceVerify;

/// <summary>The result of <see cref="IFaceCollection.IndexFaceAsync"/>.</summary>
/// <param name="Status">Whether the face was indexed, and if not, why.</param>
/// <param name="FaceId">The engine's id for the indexed face, when enrolled.</param>
public readonly record struct EnrolmentResult(EnrolmentStatus Status, string? FaceId = null)
{
    /// <summary>Whether the face was indexed.</summary>
    public bool Succeeded => Status == EnrolmentStatus.Enrolled;
}
