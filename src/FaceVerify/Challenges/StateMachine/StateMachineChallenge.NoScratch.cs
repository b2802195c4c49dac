namespace FaceVerify;

/// <summary>
/// A <see cref="StateMachineChallenge{TParameters, TScratch}"/> for challenges whose states need no per-session
/// working data: handlers take <c>in StateContext&lt;TParameters, object&gt;</c> and ignore its scratch.
/// </summary>
/// <typeparam name="TParameters">The parameters of one session, serialized camelCase.</typeparam>
public abstract class StateMachineChallenge<TParameters> : StateMachineChallenge<TParameters, object>
    where TParameters : class
{
    private static readonly object NoScratch = new();

    /// <summary>Creates the challenge.</summary>
    /// <param name="type">The challenge type name.</param>
    /// <param name="states">The states; the first one starts. Names must be unique.</param>
    protected StateMachineChallenge(string type, IEnumerable<ChallengeState<TParameters, object>> states)
        : base(type, states)
    {
    }

    /// <summary>Validates stored parameters before an evaluator starts; throw <see cref="ArgumentException"/> to refuse them. The default accepts them.</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="arguments">The evaluator arguments.</param>
    protected virtual void ValidateParameters(TParameters parameters, in ChallengeEvaluatorArguments arguments)
    {
    }

    /// <inheritdoc />
    protected sealed override object CreateScratch(TParameters parameters, in ChallengeEvaluatorArguments arguments)
    {
        ValidateParameters(parameters, arguments);
        return NoScratch;
    }
}
