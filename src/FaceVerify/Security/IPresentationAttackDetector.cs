namespace FaceVerify;

/// <summary>
/// A passive presentation-attack (spoof) detector: a slot for a model that looks at a session's frames for a printed
/// photo, a screen, a mask or an injected video. It runs at verify, after the active challenge passed, and has veto
/// semantics: any registered detector that reports an attack fails the session with
/// <see cref="ChallengeReason.SpoofSuspected"/>. FaceVerify ships no built-in model; register yours with
/// <c>AddFaceVerification().AddPresentationAttackDetector&lt;T&gt;()</c>.
/// </summary>
public interface IPresentationAttackDetector
{
    /// <summary>Judges a session whose active challenge passed.</summary>
    /// <param name="arguments">The session, its analysed frames, and a way to load a frame's bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it is an attack.</returns>
    ValueTask<PresentationAttackVerdict> EvaluateAsync(PresentationAttackArguments arguments, CancellationToken cancellationToken);
}
