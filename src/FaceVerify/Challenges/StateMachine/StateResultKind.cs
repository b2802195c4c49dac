namespace FaceVerify;

/// <summary>What a state of a <see cref="StateMachineChallenge{TParameters, TScratch}"/> decided about one frame.</summary>
public enum StateResultKind
{
    /// <summary>Stay in this state and wait for the next frame.</summary>
    Continue,

    /// <summary>Move to another state, which re-processes the same frame at once.</summary>
    Next,

    /// <summary>The challenge is passed.</summary>
    Pass,

    /// <summary>The challenge is failed.</summary>
    Fail,
}
