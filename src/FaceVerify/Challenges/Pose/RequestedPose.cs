namespace FaceVerify;

/// <summary>One pose of a pose challenge: <c>{"eyes":"OPEN","mouth":"SMILE"}</c>.</summary>
public sealed record RequestedPose
{
    /// <summary>What the eyes must show.</summary>
    public required PoseEyes Eyes { get; init; }

    /// <summary>What the mouth must show.</summary>
    public required PoseMouth Mouth { get; init; }
}
