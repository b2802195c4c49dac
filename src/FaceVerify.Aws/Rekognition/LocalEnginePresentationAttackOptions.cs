using System.ComponentModel.DataAnnotations;

namespace FaceVerify.Aws.Rekognition;

/// <summary>Options of <see cref="LocalEnginePresentationAttackDetector"/> (section <c>FaceVerify:PresentationAttack</c>).</summary>
public sealed class LocalEnginePresentationAttackOptions
{
    /// <summary>The configuration section, <c>FaceVerify:PresentationAttack</c>.</summary>
    public const string SectionName = "FaceVerify:PresentationAttack";

    /// <summary>
    /// The attack score (0–1, <c>1 − min(Real, Live)</c> of the scored frames' largest face, the highest over the frames)
    /// above which the session is vetoed as <see cref="ChallengeReason.SpoofSuspected"/>. Default: 0.9 — see
    /// docs/liveness-evidence.md for the measured scores: the shipped models separate the corpus's genuine and attack
    /// frames poorly, so the default only vetoes near-certain attacks.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MaxAttackScore { get; set; } = 0.9;
}
