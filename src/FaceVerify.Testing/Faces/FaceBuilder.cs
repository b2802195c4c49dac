namespace FaceVerify.Testing;

/// <summary>
/// Builds a <see cref="FaceDetails"/> with all 30 Rekognition landmarks laid out on a frontal face template inside
/// the bounding box, then adjusted by the calls made (pose, eyes, mouth, gaze, nose position). Immutable: every call
/// returns a new builder, so a base face can be varied freely.
/// </summary>
public sealed record FaceBuilder
{
    private static readonly (LandmarkType Type, double X, double Y)[] Template =
    [
        (LandmarkType.EyeLeft, 0.30, 0.38), (LandmarkType.EyeRight, 0.70, 0.38),
        (LandmarkType.LeftEyeLeft, 0.22, 0.38), (LandmarkType.LeftEyeRight, 0.38, 0.38),
        (LandmarkType.LeftEyeUp, 0.30, 0.35), (LandmarkType.LeftEyeDown, 0.30, 0.41),
        (LandmarkType.RightEyeLeft, 0.62, 0.38), (LandmarkType.RightEyeRight, 0.78, 0.38),
        (LandmarkType.RightEyeUp, 0.70, 0.35), (LandmarkType.RightEyeDown, 0.70, 0.41),
        (LandmarkType.LeftPupil, 0.30, 0.38), (LandmarkType.RightPupil, 0.70, 0.38),
        (LandmarkType.LeftEyeBrowLeft, 0.18, 0.28), (LandmarkType.LeftEyeBrowRight, 0.40, 0.28), (LandmarkType.LeftEyeBrowUp, 0.29, 0.25),
        (LandmarkType.RightEyeBrowLeft, 0.60, 0.28), (LandmarkType.RightEyeBrowRight, 0.82, 0.28), (LandmarkType.RightEyeBrowUp, 0.71, 0.25),
        (LandmarkType.Nose, 0.50, 0.58), (LandmarkType.NoseLeft, 0.42, 0.62), (LandmarkType.NoseRight, 0.58, 0.62),
        (LandmarkType.MouthLeft, 0.35, 0.76), (LandmarkType.MouthRight, 0.65, 0.76), (LandmarkType.MouthUp, 0.50, 0.72), (LandmarkType.MouthDown, 0.50, 0.82),
        (LandmarkType.UpperJawlineLeft, 0.05, 0.40), (LandmarkType.MidJawlineLeft, 0.12, 0.75), (LandmarkType.ChinBottom, 0.50, 0.98),
        (LandmarkType.MidJawlineRight, 0.88, 0.75), (LandmarkType.UpperJawlineRight, 0.95, 0.40),
    ];

    internal FaceBuilder(BoundingBox box) => Box = box;

    private BoundingBox Box { get; init; }

    private FacePose Pose { get; init; }

    private double TurnShift { get; init; }

    private double Confidence { get; init; } = 99.9;

    private bool EyesAreOpen { get; init; } = true;

    private bool MouthIsOpen { get; init; }

    private bool IsSmiling { get; init; }

    private double Gaze { get; init; }

    private (double X, double Y)? Nose { get; init; }

    private ImageQuality? Quality { get; init; } = new ImageQuality(80, 80);

    private System.Collections.Immutable.ImmutableHashSet<LandmarkType> Missing { get; init; } = [];

    /// <summary>Sets the head pose's yaw only (landmarks stay frontal).</summary>
    /// <param name="degrees">Yaw in degrees.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder Yaw(double degrees) => this with { Pose = Pose with { Yaw = degrees } };

    /// <summary>Sets the head pose's pitch.</summary>
    /// <param name="degrees">Pitch in degrees.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder Pitch(double degrees) => this with { Pose = Pose with { Pitch = degrees } };

    /// <summary>Sets the head pose's roll.</summary>
    /// <param name="degrees">Roll in degrees.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder Roll(double degrees) => this with { Pose = Pose with { Roll = degrees } };

    /// <summary>
    /// Turns the head: sets yaw and moves the central landmarks (nose, mouth, inner eyes and brows) sideways by
    /// sin(yaw) × <paramref name="shiftPerUnit"/> of the face width, as a real head turn does and a flat photo cannot.
    /// </summary>
    /// <param name="degrees">Yaw in degrees; positive moves the centre towards higher X.</param>
    /// <param name="shiftPerUnit">How far the central landmarks move per unit of sin(yaw). Default: 0.5.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder Turned(double degrees, double shiftPerUnit = 0.5)
        => this with { Pose = Pose with { Yaw = degrees }, TurnShift = Math.Sin(degrees * Math.PI / 180) * shiftPerUnit };

    /// <summary>Sets the detection confidence (0–100).</summary>
    /// <param name="confidence">The confidence.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder WithConfidence(double confidence) => this with { Confidence = confidence };

    /// <summary>Sets the image quality.</summary>
    /// <param name="brightness">Brightness 0–100.</param>
    /// <param name="sharpness">Sharpness 0–100.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder WithQuality(double brightness, double sharpness) => this with { Quality = new ImageQuality(brightness, sharpness) };

    /// <summary>Closes the eyes.</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder EyesClosed() => this with { EyesAreOpen = false };

    /// <summary>Opens the eyes again (the default).</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder EyesOpen() => this with { EyesAreOpen = true };

    /// <summary>Closes the mouth and stops smiling (the default).</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder Neutral() => this with { IsSmiling = false, MouthIsOpen = false };

    /// <summary>Centres both pupils in their eyes (the default).</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder LookingAhead() => this with { Gaze = 0 };

    /// <summary>Leaves landmarks out, as an analyzer does when part of the face is hidden (for example the nose, which the nose challenge then counts as a frame without a face).</summary>
    /// <param name="types">The landmarks to leave out.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder WithoutLandmarks(params LandmarkType[] types) => this with { Missing = Missing.Union(types ?? []) };

    /// <summary>Opens the mouth.</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder MouthOpen() => this with { MouthIsOpen = true };

    /// <summary>Smiles with an open mouth (the reference's SMILE pose needs both).</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder Smiling() => this with { IsSmiling = true, MouthIsOpen = true };

    /// <summary>Smiles with the mouth closed.</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder SmilingMouthClosed() => this with { IsSmiling = true, MouthIsOpen = false };

    /// <summary>Moves both pupils to the image-left edge of their eyes.</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder LookingLeft() => this with { Gaze = -0.065 };

    /// <summary>Moves both pupils to the image-right edge of their eyes.</summary>
    /// <returns>A new builder.</returns>
    public FaceBuilder LookingRight() => this with { Gaze = 0.065 };

    /// <summary>Places the nose tip at an absolute position of the image.</summary>
    /// <param name="x">X, ratio of the image width.</param>
    /// <param name="y">Y, ratio of the image height.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder NoseAt(double x, double y) => this with { Nose = (x, y) };

    /// <summary>Moves the whole face (box and landmarks) by a ratio of the image.</summary>
    /// <param name="dx">Horizontal move, ratio of the image width.</param>
    /// <param name="dy">Vertical move, ratio of the image height.</param>
    /// <returns>A new builder.</returns>
    public FaceBuilder Moved(double dx, double dy)
        => this with { Box = Box with { Left = Box.Left + dx, Top = Box.Top + dy }, Nose = Nose is { } n ? (n.X + dx, n.Y + dy) : null };

    /// <summary>Builds the face.</summary>
    /// <returns>The face.</returns>
    public FaceDetails Build()
    {
        var landmarks = new Landmark[Template.Length];
        for (var i = 0; i < Template.Length; i++)
        {
            var (type, fx, fy) = Template[i];
            fx += IsCentral(type) ? TurnShift : 0;
            if (type is LandmarkType.LeftPupil or LandmarkType.RightPupil)
            {
                fx += Gaze;
            }

            if (!EyesAreOpen && type is LandmarkType.LeftEyeUp or LandmarkType.RightEyeUp)
            {
                fy += 0.025;
            }

            if (MouthIsOpen && type == LandmarkType.MouthDown)
            {
                fy += 0.06;
            }

            landmarks[i] = new Landmark(type, Box.Left + (fx * Box.Width), Box.Top + (fy * Box.Height));
        }

        if (Nose is { } nose)
        {
            var index = Array.FindIndex(landmarks, l => l.Type == LandmarkType.Nose);
            landmarks[index] = new Landmark(LandmarkType.Nose, nose.X, nose.Y);
        }

        return new FaceDetails
        {
            BoundingBox = Box,
            Landmarks = Missing.IsEmpty ? landmarks : [.. landmarks.Where(l => !Missing.Contains(l.Type))],
            Pose = Pose,
            Confidence = Confidence,
            Quality = Quality,
            EyesOpen = new FaceTrait(EyesAreOpen, 98),
            MouthOpen = new FaceTrait(MouthIsOpen, 97),
            Smile = new FaceTrait(IsSmiling, 96),
        };
    }

    private static bool IsCentral(LandmarkType type) => type is LandmarkType.Nose or LandmarkType.NoseLeft or LandmarkType.NoseRight
        or LandmarkType.MouthLeft or LandmarkType.MouthRight or LandmarkType.MouthUp or LandmarkType.MouthDown
        or LandmarkType.LeftEyeRight or LandmarkType.RightEyeLeft or LandmarkType.LeftEyeBrowRight or LandmarkType.RightEyeBrowLeft
        or LandmarkType.ChinBottom;
}
