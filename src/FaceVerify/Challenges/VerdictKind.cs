namespace FaceVerify;

/// <summary>What an evaluator decided about the frames so far.</summary>
public enum VerdictKind
{
    /// <summary>Undecided: feed more frames.</summary>
    Continue,

    /// <summary>The challenge was passed.</summary>
    Passed,

    /// <summary>The challenge was failed.</summary>
    Failed,
}
