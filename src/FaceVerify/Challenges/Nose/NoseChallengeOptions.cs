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
    /// nose states; the next one fails with <see cref="ChallengeReason.FaceNotFound"/>. Default: 12 (the sample client's
    /// nose-state limit). The reference crashed (HTTP 500) on the first such frame.
    /// </summary>
    [Range(0, 1000)]
    public int MaxFramesWithoutFace { get; set; } = 12;

    /// <summary>The face detection confidence (0–100) the face state requires of its single face before moving on. Default: 90 (the pose challenge's minimum). The reference checked none.</summary>
    [Range(0.0, 100.0)]
    public double MinFaceConfidence { get; set; } = 90;

    /// <summary>
    /// Capacity of the nose trajectory (frames seen in the nose state), preallocated once per evaluator. A session that
    /// fills it fails with <see cref="ChallengeReason.ChallengeNotCompleted"/>. Default: 150 (the default frame limit of a session).
    /// </summary>
    [Range(4, 10_000)]
    public int MaxTrajectoryPoints { get; set; } = 150;

    /// <summary>
    /// Whether the nose state also refuses landmark motion that a flat or bent object explains (a printed photo or a
    /// screen slid, turned, tilted, curved or digitally bent in front of the camera): from the first nose-state frame's
    /// landmarks to the deciding frame's, a homography plus the parallax of a generic face's depth is fitted, and a
    /// face-depth parallax below <see cref="MinDepthParallax"/> (or, when set above 0, a homography residual below
    /// <see cref="MinPlanarResidual"/>) fails with <see cref="ChallengeReason.InsufficientLandmarkMovement"/> (detail
    /// "planar motion"). Default: <see langword="true"/>. Not in the reference. See docs/liveness-evidence.md for its
    /// measured rates on the liveness corpus.
    /// </summary>
    public bool PlanarMotionCheck { get; set; } = true;

    /// <summary>
    /// The smallest root-mean-square residual of a single homography fit, as a ratio of the deciding face's size
    /// (√(width × height) of its box in pixels), that counts as a real head's motion; 0 turns this statistic off.
    /// Default: 0 (off since the face-depth parallax replaced it: on the liveness corpus it rejected genuine turns and
    /// let cylinder-bent prints through; 0.015 was the previous default, see docs/liveness-evidence.md).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinPlanarResidual { get; set; }

    /// <summary>
    /// The smallest face-depth parallax, as a ratio of the deciding face's size (√(width × height) of its box in pixels),
    /// that counts as a real head's turn: the part of the landmarks' motion from the first nose-state frame to the
    /// deciding one that a homography plus the parallax of a generic face's depth explains as parallax. Flat prints
    /// and screens stay far below it. Default: 0.007 (0.7 % of the face size, chosen by the threshold sweep of
    /// docs/liveness-evidence.md); 0 turns this statistic off. Applies only with <see cref="PlanarMotionCheck"/> on.
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinDepthParallax { get; set; } = 0.007;

    /// <summary>
    /// With the <see cref="FrameAnalysisStrategy.Sparse"/> analysis strategy: the longest gap, on server receive time,
    /// between two analysed frames of the nose state while the nose is still far from the target (the strategy shortens
    /// each gap by a random amount, and analyses densely when the nose is predicted to reach the target). Default: 2.5 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMilliseconds(2500);
}
