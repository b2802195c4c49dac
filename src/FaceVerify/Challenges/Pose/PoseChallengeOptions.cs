using System.ComponentModel.DataAnnotations;

namespace FaceVerify;

/// <summary>Options of the built-in <see cref="PoseChallenge"/> ("pose"). The per-frame thresholds of the reference framework are fixed.</summary>
public class PoseChallengeOptions
{
    /// <summary>
    /// How many poses a session asks for, in sequence (1 to <see cref="PoseChallenge.MaxPoseCount"/>). Default: 2.
    /// 1 reproduces the reference, whose single pose a few neutral photos pass.
    /// </summary>
    [Range(1, PoseChallenge.MaxPoseCount)]
    public int PoseCount { get; set; } = 2;

    /// <summary>How long each pose may take, on server receive time from the first frame that waits for it. Default: 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan PoseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The eye states poses are drawn from (configuration: <c>FaceVerify:Pose:EyeStates:0=Open</c>, …). Default: empty,
    /// meaning all four (<see cref="PoseEyes.Open"/>, <see cref="PoseEyes.Closed"/>, <see cref="PoseEyes.LookingLeft"/>,
    /// <see cref="PoseEyes.LookingRight"/>). Every listed state must be one the face analyzer can judge
    /// (<see cref="IFaceAnalyzer.MeasuredAttributes"/>: the gaze states need <see cref="FaceAttributes.Gaze"/>); one it
    /// cannot judge fails start-up instead of failing users.
    /// </summary>
    public IList<PoseEyes> EyeStates { get; } = [];

    /// <summary>
    /// With the <see cref="FrameAnalysisStrategy.Sparse"/> analysis strategy: the longest gap, on server receive time,
    /// between two analysed frames while a pose is awaited (the strategy shortens each gap by a random amount). A user
    /// holds a pose longer than this, so a sampled frame shows it. Default: 1 second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromSeconds(1);
}
