using System.ComponentModel.DataAnnotations;

namespace FaceVerify;

/// <summary>Options of the built-in <see cref="NoseTargetChallenge"/> ("nose"). The thresholds of the reference framework are fixed; these are the fixes' knobs.</summary>
public class NoseChallengeOptions
{
    /// <summary>How long each of the three states (face, area, nose) may last, on server receive time from the first frame it sees. Default: 10 seconds (the reference).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan StateTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many frames without a usable face (no face, or no nose landmark) are tolerated in total in the area and
    /// nose states; the next one fails with <see cref="OutcomeReason.FaceNotFound"/>. Default: 12 (the sample client's
    /// nose-state limit). The reference crashed (HTTP 500) on the first such frame.
    /// </summary>
    [Range(0, 1000)]
    public int MaxFramesWithoutFace { get; set; } = 12;

    /// <summary>The face detection confidence (0–100) the face state requires of its single face before moving on. Default: 90 (the pose challenge's minimum). The reference checked none.</summary>
    [Range(0.0, 100.0)]
    public double MinFaceConfidence { get; set; } = 90;

    /// <summary>
    /// Capacity of the nose trajectory (frames seen in the nose state), preallocated once per evaluator. A session that
    /// fills it fails with <see cref="OutcomeReason.ChallengeNotCompleted"/>. Default: 150 (the default frame limit of a session).
    /// </summary>
    [Range(4, 10_000)]
    public int MaxTrajectoryPoints { get; set; } = 150;

    /// <summary>
    /// Whether the nose state also refuses landmark motion that one planar transform explains (a printed photo or a
    /// screen slid, turned or tilted in front of the camera): a homography is fitted from the first nose-state frame's
    /// landmarks to the deciding frame's, and a residual below <see cref="MinPlanarResidual"/> fails with
    /// <see cref="OutcomeReason.InsufficientLandmarkMovement"/> (detail "planar motion"). Default: <see langword="true"/>.
    /// Not in the reference. See docs/security.md for its measured false-reject and catch rates.
    /// </summary>
    public bool PlanarMotionCheck { get; set; } = true;

    /// <summary>
    /// The smallest root-mean-square residual of the planar fit, as a ratio of the deciding face's size (√(width × height)
    /// of its box in pixels), that counts as a real head's motion. Default: 0.015 (1.5 % of the face size; see docs/security.md for how it was chosen).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinPlanarResidual { get; set; } = 0.015;

    /// <summary>
    /// With the <see cref="FrameAnalysisStrategy.Sparse"/> analysis strategy: the longest gap, on server receive time,
    /// between two analysed frames of the nose state while the nose is still far from the target (the strategy shortens
    /// each gap by a random amount, and analyses densely when the nose is predicted to reach the target). Default: 2.5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(2500);
}
