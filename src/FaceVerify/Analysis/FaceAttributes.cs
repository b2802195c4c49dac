namespace FaceVerify;

/// <summary>
/// The face attributes an <see cref="IFaceAnalyzer"/> can measure (<see cref="IFaceAnalyzer.MeasuredAttributes"/>).
/// Challenges ask only for what the analyzer can judge: the pose challenge's poses need <see cref="EyesOpen"/>,
/// <see cref="Smile"/> and <see cref="MouthOpen"/>, and its gaze poses (<c>LOOKING_LEFT</c>, <c>LOOKING_RIGHT</c>)
/// also <see cref="Gaze"/>.
/// </summary>
[Flags]
public enum FaceAttributes
{
    /// <summary>None of the attributes below.</summary>
    None = 0,

    /// <summary><see cref="FaceDetails.EyesOpen"/> tells open eyes from closed ones.</summary>
    EyesOpen = 1,

    /// <summary>The <c>leftPupil</c>/<c>rightPupil</c> landmarks sit on the irises, so the gaze (left, centre, right) can be read from them.</summary>
    Gaze = 2,

    /// <summary><see cref="FaceDetails.Smile"/> tells a smile from a neutral mouth.</summary>
    Smile = 4,

    /// <summary><see cref="FaceDetails.MouthOpen"/> tells parted lips from closed ones.</summary>
    MouthOpen = 8,

    /// <summary>Every attribute above (Amazon Rekognition, the local engine).</summary>
    All = EyesOpen | Gaze | Smile | MouthOpen,
}
