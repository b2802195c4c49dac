using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>The nose challenge's constants, parameter generation (reference nose.py:13-52, 194-225) and boxes.</summary>
internal static class NoseGeometry
{
    public const double AreaBoxWidthRatio = 0.75;
    public const double AreaBoxHeightRatio = 0.75;
    public const double AreaBoxAspectRatio = 0.75;
    public const double AreaBoxTolerance = 0.05;
    public const int MinFaceAreaPercent = 40;
    public const int MinFaceAreaPercentTolerance = 20;
    public const int NoseBoxSize = 20;
    public const double NoseBoxTolerance = 0.55;
    public const int NoseBoxCenterMinHDist = 45;
    public const int NoseBoxCenterMaxHDist = 75;
    public const int NoseBoxCenterMaxVDist = 40;
    public const double TrajectoryErrorThreshold = 0.02;
    public const double MinDist = 0.10;
    public const double RotationThreshold = 5.0;
    public const double MinDistFactorRotated = 0.75;
    public const double MinDistFactorNotRotated = 1.5;

    /// <summary>The fewest nose-state frames (entry frame included) the trajectory fit needs: fewer cannot measure a parabola's residual.</summary>
    public const int MinTrajectoryPoints = 4;

    /// <summary>The area box for a frame: (left, top, width, height), each truncated like Python <c>int()</c>.</summary>
    public static (int Left, int Top, int Width, int Height) AreaBox(int width, int height)
    {
        double w = width;
        double h = height;
        var areaHeight = h * AreaBoxHeightRatio;
        var areaWidth = Math.Min(w * AreaBoxWidthRatio, areaHeight * AreaBoxAspectRatio);
        var areaLeft = (w / 2) - (areaWidth / 2);
        var areaTop = (h / 2) - (areaHeight / 2);
        return ((int)areaLeft, (int)areaTop, (int)areaWidth, (int)areaHeight);
    }

    /// <summary>Throws unless every possible nose box lies inside the area box (and so inside the frame).</summary>
    public static void EnsureFits(int width, int height, string paramName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1, paramName);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1, paramName);
        var (left, top, areaWidth, areaHeight) = AreaBox(width, height);
        var maxH = NoseBoxCenterMaxHDist - 1;
        var maxV = NoseBoxCenterMaxVDist - 1;
        var leftmost = (int)((width / 2.0) - maxH - NoseBoxSize);
        var rightmost = (int)((width / 2.0) + maxH) + NoseBoxSize;
        var topmost = (int)((height / 2.0) - maxV - NoseBoxSize);
        var bottommost = (int)((height / 2.0) + maxV) + NoseBoxSize;
        if (leftmost < left || rightmost > left + areaWidth || topmost < top || bottommost > top + areaHeight)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                $"A {width}×{height} frame is too small for the nose challenge: its face area box is {areaWidth}×{areaHeight} px, " +
                $"but the nose target ({NoseBoxSize} px, up to {maxH + NoseBoxSize} px left or right and {maxV + NoseBoxSize} px above or below the centre) must fit inside it. " +
                "Use frames of at least 251×335 px (480×480 and 640×480 work).");
        }
    }

    /// <summary>Generates parameters exactly as the reference, with <paramref name="random"/> for <c>secrets</c>.</summary>
    public static NoseChallengeParameters Generate(int width, int height, RandomNumberGenerator random)
    {
        EnsureFits(width, height, nameof(width));
        var (areaLeft, areaTop, areaWidth, areaHeight) = AreaBox(width, height);

        // _get_nose_box: m = choice([1, -1]); left = W/2 + m*(45 + randbelow(30)); if m == -1: left -= 20 (same for top with randbelow(40)).
        var m = random.NextInt32(2) == 0 ? 1 : -1;
        var left = (width / 2.0) + (m * (NoseBoxCenterMinHDist + random.NextInt32(NoseBoxCenterMaxHDist - NoseBoxCenterMinHDist)));
        if (m == -1)
        {
            left -= NoseBoxSize;
        }

        m = random.NextInt32(2) == 0 ? 1 : -1;
        var top = (height / 2.0) + (m * random.NextInt32(NoseBoxCenterMaxVDist));
        if (m == -1)
        {
            top -= NoseBoxSize;
        }

        return new NoseChallengeParameters
        {
            ImageWidth = width,
            ImageHeight = height,
            AreaLeft = areaLeft,
            AreaTop = areaTop,
            AreaWidth = areaWidth,
            AreaHeight = areaHeight,
            MinFaceAreaPercent = MinFaceAreaPercent,
            NoseLeft = (int)left,
            NoseTop = (int)top,
            NoseWidth = NoseBoxSize,
            NoseHeight = NoseBoxSize,
        };
    }
}
