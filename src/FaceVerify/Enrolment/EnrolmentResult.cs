namespace FaceVerify;

/// <summary>
/// The result of enrolling a reference face: of <see cref="IFaceEnrolmentService.EnrolAsync(EnrolmentRequest, CancellationToken)"/>,
/// and of <see cref="IFaceCollection.IndexFaceAsync"/> (which sets only <see cref="Reason"/>, <see cref="FaceId"/> and
/// perhaps <see cref="Detail"/>).
/// </summary>
/// <param name="Reason"><see cref="EnrolmentReason.None"/> when enrolled; otherwise why not.</param>
/// <param name="FaceId">The indexed face id, when enrolled.</param>
/// <param name="Detail">A short, non-sensitive explanation of a refusal.</param>
public sealed record EnrolmentResult(EnrolmentReason Reason, string? FaceId = null, string? Detail = null)
{
    /// <summary>Whether an existing reference was replaced (on success).</summary>
    public bool Replaced { get; init; }

    /// <summary>When the attempt window ends, for <see cref="EnrolmentReason.LockedOut"/>.</summary>
    public DateTimeOffset? RetryAfter { get; init; }

    /// <summary>The similarity between the photo and the live face, when the comparison ran.</summary>
    public double? Similarity { get; init; }

    /// <summary>Whether the face was enrolled.</summary>
    public bool Succeeded => Reason == EnrolmentReason.None;
}
