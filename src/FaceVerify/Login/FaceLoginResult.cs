namespace FaceVerify;

/// <summary>The result of <see cref="IFaceLoginService.LoginAsync"/>.</summary>
/// <param name="Reason"><see cref="FaceLoginReason.None"/> on success; otherwise why not.</param>
/// <param name="Similarity">The similarity to the enrolled face when comparisons ran and the engine reported a score: on success the lower of the two compared frames' similarities; on <see cref="FaceLoginReason.FaceMismatch"/> the failing frame's.</param>
/// <param name="ResultToken">A signed result token proving the login, on success.</param>
/// <param name="Detail">A short, non-sensitive explanation of a refusal.</param>
public sealed record FaceLoginResult(FaceLoginReason Reason, double? Similarity = null, IssuedResultToken? ResultToken = null, string? Detail = null)
{
    /// <summary>Whether the login succeeded.</summary>
    public bool Succeeded => Reason == FaceLoginReason.None;
}
