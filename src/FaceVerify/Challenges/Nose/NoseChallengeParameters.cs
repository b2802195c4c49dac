namespace FaceVerify;

/// <summary>
/// The parameters of one nose challenge session, exactly the reference framework's <c>NOSE</c> params (all integers,
/// in pixels of the real frame): the face must go inside the area box, then the nose tip into the nose box.
/// Serialized camelCase: <c>{"imageWidth":480,"imageHeight":480,"areaLeft":105,…,"noseHeight":20}</c>.
/// </summary>
public sealed record NoseChallengeParameters
{
    /// <summary>Frame width in pixels.</summary>
    public required int ImageWidth { get; init; }

    /// <summary>Frame height in pixels.</summary>
    public required int ImageHeight { get; init; }

    /// <summary>Left edge of the area box the face must fit in.</summary>
    public required int AreaLeft { get; init; }

    /// <summary>Top edge of the area box.</summary>
    public required int AreaTop { get; init; }

    /// <summary>Width of the area box.</summary>
    public required int AreaWidth { get; init; }

    /// <summary>Height of the area box.</summary>
    public required int AreaHeight { get; init; }

    /// <summary>Minimum face size as a percentage of the area box (the server tolerates 20 points less). Always 40.</summary>
    public required int MinFaceAreaPercent { get; init; }

    /// <summary>Left edge of the nose target box.</summary>
    public required int NoseLeft { get; init; }

    /// <summary>Top edge of the nose target box.</summary>
    public required int NoseTop { get; init; }

    /// <summary>Width of the nose target box. Always 20.</summary>
    public required int NoseWidth { get; init; }

    /// <summary>Height of the nose target box. Always 20.</summary>
    public required int NoseHeight { get; init; }
}
