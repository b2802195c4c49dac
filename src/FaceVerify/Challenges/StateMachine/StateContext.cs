namespace FaceVerify;

/// <summary>What a <see cref="StateHandler{TParameters, TScratch}"/> sees for one frame.</summary>
/// <typeparam name="TParameters">The challenge's parameters type.</typeparam>
/// <typeparam name="TScratch">The per-evaluator scratch type.</typeparam>
/// <param name="Parameters">The session's parameters, as read once when the evaluator was created.</param>
/// <param name="Scratch">The per-evaluator scratch object, created once per evaluator and shared by every state.</param>
/// <param name="Frame">The frame being judged.</param>
/// <param name="State">The 0-based index of the state judging it.</param>
/// <param name="StateName">The name of the state judging it.</param>
/// <param name="StateStartedAt">The receive time of the first frame this state saw: its timeout runs from here.</param>
/// <param name="IsStateEntry"><see langword="true"/> when this is the first frame this state sees.</param>
public readonly record struct StateContext<TParameters, TScratch>(
    TParameters Parameters,
    TScratch Scratch,
    AnalyzedFrame Frame,
    int State,
    string StateName,
    DateTimeOffset StateStartedAt,
    bool IsStateEntry)
    where TParameters : class
    where TScratch : class;
