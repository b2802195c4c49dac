namespace FaceVerify;

/// <summary>The result of indexing a reference face.</summary>
public enum EnrolmentStatus
{
    /// <summary>The face was indexed.</summary>
    Enrolled,

    /// <summary>No face was found.</summary>
    NoFace,

    /// <summary>More than one face was found.</summary>
    MultipleFaces,

    /// <summary>The face was too small, blurred, dark or turned away.</summary>
    LowQuality,

    /// <summary>The image could not be read.</summary>
    InvalidImage,
}
