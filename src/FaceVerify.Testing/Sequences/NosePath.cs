namespace FaceVerify.Testing;

/// <summary>The geometry shared by the nose sequences: the start at the frame centre, the target centre, and faces along the way.</summary>
internal sealed class NosePath
{
    // The face box as a share of the area box: 0.42 × 0.6 = 25 % of it (the area state needs 20 %), narrow enough that a
    // face whose nose is on the farthest target (84 px from the centre) still lies inside the 5 %-tolerant area.
    public const double FaceWidthRatio = 0.42;
    public const double FaceHeightRatio = 0.6;
    public const double NarrowFaceWidthRatio = 0.36;
    public const double NarrowFaceHeightRatio = 0.7;

    // Where FaceBuilder's template puts the nose tip inside the box.
    private const double NoseInBoxX = 0.5;
    private const double NoseInBoxY = 0.58;

    // Half the size of the 55 %-widened target box is 1.05 × the box size; the frame before the last stays this many pixels more away.
    private const double ApproachMargin = 6;

    private readonly NoseChallengeParameters _parameters;

    public NosePath(NoseChallengeParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.ImageWidth, 1, nameof(parameters));
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.ImageHeight, 1, nameof(parameters));
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.AreaWidth, 1, nameof(parameters));
        ArgumentOutOfRangeException.ThrowIfLessThan(parameters.AreaHeight, 1, nameof(parameters));
        _parameters = parameters;
        StartX = parameters.ImageWidth / 2.0;
        StartY = parameters.ImageHeight / 2.0;
        TargetX = parameters.NoseLeft + (parameters.NoseWidth / 2.0);
        TargetY = parameters.NoseTop + (parameters.NoseHeight / 2.0);
        TowardsTarget = TargetX > StartX ? 1 : -1;
    }

    public int Width => _parameters.ImageWidth;

    public int Height => _parameters.ImageHeight;

    public double StartX { get; }

    public double StartY { get; }

    public double TargetX { get; }

    public double TargetY { get; }

    /// <summary>+1 when the target is right of the centre (a positive yaw turns towards it), else −1.</summary>
    public int TowardsTarget { get; }

    /// <summary>
    /// How far along the path each frame is: evenly up to the farthest point outside the widened target box, then 1
    /// on the last frame, so the nose enters the target box on the last frame only.
    /// </summary>
    public IEnumerable<double> Fractions(int frames)
    {
        var dx = Math.Abs(TargetX - StartX);
        var dy = Math.Abs(TargetY - StartY);
        var keepOut = Math.Max(
            dx > 0 ? 1 - (((1.05 * _parameters.NoseWidth) + ApproachMargin) / dx) : 0,
            dy > 0 ? 1 - (((1.05 * _parameters.NoseHeight) + ApproachMargin) / dy) : 0);
        var farthest = Math.Clamp(keepOut, 0, 0.8);
        for (var k = 0; k < frames - 1; k++)
        {
            yield return farthest * k / (frames - 2);
        }

        yield return 1;
    }

    /// <summary>
    /// The face when the nose is <paramref name="fraction"/> of the way to the target, turned by <paramref name="yaw"/>
    /// degrees: the box is placed so that the turned face's nose tip lies exactly on the path.
    /// </summary>
    public FaceBuilder TurningFace(double fraction, double yaw, double widthRatio, double heightRatio)
    {
        double w = Width;
        double h = Height;
        var faceWidth = widthRatio * _parameters.AreaWidth;
        var faceHeight = heightRatio * _parameters.AreaHeight;
        var noseX = StartX + ((TargetX - StartX) * fraction);
        var noseY = StartY + ((TargetY - StartY) * fraction);
        var shift = Math.Sin(yaw * Math.PI / 180) * 0.5;
        var left = noseX - ((NoseInBoxX + shift) * faceWidth);
        var top = noseY - (NoseInBoxY * faceHeight);
        return Face.At(left / w, top / h, faceWidth / w, faceHeight / h).Turned(yaw);
    }
}
