namespace FaceVerify;

/// <summary>The result of <see cref="IChallengeSessionService.SubmitFrameAsync"/>.</summary>
/// <param name="Rejection">Why the frame was refused, or <see cref="FrameRejection.None"/>.</param>
/// <param name="Sequence">The frame's sequence when accepted; otherwise -1.</param>
/// <param name="Detail">A short, non-sensitive explanation of the rejection.</param>
public readonly record struct FrameSubmissionResult(FrameRejection Rejection, int Sequence, string? Detail = null)
{
    /// <summary>Whether the frame was accepted.</summary>
    public bool Accepted => Rejection == FrameRejection.None;

    internal static FrameSubmissionResult Refused(FrameRejection rejection, string detail) => new(rejection, -1, detail);
}
