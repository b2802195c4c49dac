namespace FaceVerify;

/// <summary>The result of <see cref="IFaceLoginService.LoginAsync"/>.</summary>
/// <param name="Reason"><see cref="OutcomeReason.Passed"/> on success; otherwise why not.</param>
/// <param name="Similarity">The similarity to the enrolled face when comparisons ran and the engine reported a score: on success the lower of the two compared frames' similarities; on <see cref="OutcomeReason.FaceMismatch"/> the failing frame's.</param>
/// <param name="ResultToken">A signed result token proving the login, on success.</param>
public sealed record FaceLoginResult(OutcomeReason Reason, double? Similarity = null, IssuedResultToken? ResultToken = null)
{
    /// <summary>Whether the login succeeded.</summary>
    public bool Succeeded => Reason == OutcomeReason.Passed;
}
