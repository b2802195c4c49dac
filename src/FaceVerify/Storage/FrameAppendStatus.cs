namespace FaceVerify;

/// <summary>The result of a conditional frame append.</summary>
public enum FrameAppendStatus
{
    /// <summary>The frame was appended and given a sequence number.</summary>
    Appended,

    /// <summary>No such session.</summary>
    SessionNotFound,

    /// <summary>The session is final, or its challenge is already decided.</summary>
    SessionClosed,

    /// <summary>The session already holds the maximum number of frames.</summary>
    TooManyFrames,

    /// <summary>The session already holds a frame with the same content.</summary>
    Duplicate,
}
