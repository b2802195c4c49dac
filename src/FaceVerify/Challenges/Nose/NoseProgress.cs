namespace FaceVerify;

/// <summary>The per-session working data of a nose challenge evaluator: boxes in pixels, counters, the trajectory and the first landmark histogram. Created once; nothing is allocated per frame.</summary>
internal sealed class NoseProgress
{
    public NoseProgress(NoseChallengeParameters parameters, NoseChallengeOptions options)
    {
        Width = parameters.ImageWidth;
        Height = parameters.ImageHeight;
        AreaLeft = parameters.AreaLeft;
        AreaTop = parameters.AreaTop;
        AreaRight = parameters.AreaLeft + (double)parameters.AreaWidth;
        AreaBottom = parameters.AreaTop + (double)parameters.AreaHeight;
        AreaArea = (double)parameters.AreaWidth * parameters.AreaHeight;
        MinFaceAreaPercent = parameters.MinFaceAreaPercent;

        // nose_state step 1: the area box widened by 5 % of its size on each side.
        TolerantLeft = parameters.AreaLeft - (NoseGeometry.AreaBoxTolerance * parameters.AreaWidth);
        TolerantTop = parameters.AreaTop - (NoseGeometry.AreaBoxTolerance * parameters.AreaHeight);
        TolerantRight = TolerantLeft + (1.1 * parameters.AreaWidth);
        TolerantBottom = TolerantTop + (1.1 * parameters.AreaHeight);

        // nose_state step 2: the nose box widened by 55 % of its size on each side (20 px → 42 px).
        NoseBoxLeft = parameters.NoseLeft - (NoseGeometry.NoseBoxTolerance * parameters.NoseWidth);
        NoseBoxTop = parameters.NoseTop - (NoseGeometry.NoseBoxTolerance * parameters.NoseHeight);
        NoseBoxRight = NoseBoxLeft + (2.1 * parameters.NoseWidth);
        NoseBoxBottom = NoseBoxTop + (2.1 * parameters.NoseHeight);

        // Reference: noseLeft + 20/2 > W/2 with the constant 20 (fix 24: the box's own width).
        TargetOnTheRight = parameters.NoseLeft + (parameters.NoseWidth / 2.0) > parameters.ImageWidth / 2.0;

        MaxFramesWithoutFace = options.MaxFramesWithoutFace;
        MinFaceConfidence = options.MinFaceConfidence;
        PlanarMotionCheck = options.PlanarMotionCheck;
        MinPlanarResidual = options.MinPlanarResidual;
        TrajectoryX = new double[options.MaxTrajectoryPoints];
        TrajectoryY = new double[options.MaxTrajectoryPoints];
        TrajectoryTicks = new long[options.MaxTrajectoryPoints];
        SampleInterval = options.SampleInterval;
        TrajectoryFaces = new FaceDetails[options.MaxTrajectoryPoints];
        MinDepthParallax = options.MinDepthParallax;
    }

    public double Width { get; }

    public double Height { get; }

    public double AreaLeft { get; }

    public double AreaTop { get; }

    public double AreaRight { get; }

    public double AreaBottom { get; }

    public double AreaArea { get; }

    public int MinFaceAreaPercent { get; }

    public double TolerantLeft { get; }

    public double TolerantTop { get; }

    public double TolerantRight { get; }

    public double TolerantBottom { get; }

    public double NoseBoxLeft { get; }

    public double NoseBoxTop { get; }

    public double NoseBoxRight { get; }

    public double NoseBoxBottom { get; }

    public bool TargetOnTheRight { get; }

    public int MaxFramesWithoutFace { get; }

    public double MinFaceConfidence { get; }

    /// <summary>Frames without a usable face seen in the area and nose states.</summary>
    public int FramesWithoutFace { get; set; }

    /// <summary>Nose X ratios of the nose-state frames, in order.</summary>
    public double[] TrajectoryX { get; }

    /// <summary>Nose Y ratios of the nose-state frames, in order.</summary>
    public double[] TrajectoryY { get; }

    /// <summary>Server receive times (UTC ticks) of the nose-state frames, in order (for the sparse strategy's prediction).</summary>
    public long[] TrajectoryTicks { get; }

    public int TrajectoryCount { get; set; }

    /// <summary>The longest gap between analysed nose-state frames under the sparse analysis strategy.</summary>
    public TimeSpan SampleInterval { get; }

    /// <summary>The face of each nose-state trajectory point (same index as <see cref="TrajectoryX"/>), for the flat-object check.</summary>
    public FaceDetails[] TrajectoryFaces { get; }

    /// <summary>See <see cref="NoseChallengeOptions.MinDepthParallax"/>.</summary>
    public double MinDepthParallax { get; }

    /// <summary>The landmark histogram of the first nose-state frame.</summary>
    public double[] OriginalHistogram { get; } = new double[LandmarkHistogram.Length];

    public bool HasOriginal { get; set; }

    public bool PlanarMotionCheck { get; }

    public double MinPlanarResidual { get; }

    /// <summary>The landmarks of the first nose-state frame (for the planar-motion check).</summary>
    public IReadOnlyList<Landmark>? OriginalLandmarks { get; set; }
}
