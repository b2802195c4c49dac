namespace FaceVerify;

/// <summary>
/// The parameters of one pose challenge session:
/// <c>{"imageWidth":480,"imageHeight":480,"poses":[{"eyes":"OPEN","mouth":"SMILE"},{"eyes":"CLOSED","mouth":"CLOSED"}]}</c>.
/// The poses must be shown in this order.
/// </summary>
public sealed record PoseChallengeParameters
{
    /// <summary>Frame width in pixels.</summary>
    public required int ImageWidth { get; init; }

    /// <summary>Frame height in pixels.</summary>
    public required int ImageHeight { get; init; }

    /// <summary>The poses, in the order they must be shown (1 to <see cref="PoseChallenge.MaxPoseCount"/>).</summary>
    public required IReadOnlyList<RequestedPose> Poses { get; init; }
}
