namespace FaceVerify;

/// <summary>
/// The logic of one state of a <see cref="StateMachineChallenge{TParameters, TScratch}"/>: judges one frame.
/// Write it as a <see langword="static"/> method or lambda so that it allocates nothing per frame; keep per-session
/// data in <see cref="StateContext{TParameters, TScratch}.Scratch"/>.
/// </summary>
/// <typeparam name="TParameters">The challenge's parameters type.</typeparam>
/// <typeparam name="TScratch">The per-evaluator scratch type.</typeparam>
/// <param name="context">The frame, the session's parameters and scratch, and where the state machine is.</param>
/// <returns>What the state decided.</returns>
public delegate StateResult StateHandler<TParameters, TScratch>(in StateContext<TParameters, TScratch> context)
    where TParameters : class
    where TScratch : class;
