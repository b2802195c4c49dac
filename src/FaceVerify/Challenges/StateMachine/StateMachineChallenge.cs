using System.Globalization;
using System.Text.Json;

namespace FaceVerify;

/// <summary>
/// A base for challenges written as named states, each with an optional timeout (the engine of the reference
/// framework, with its crashes fixed). The first state in the list starts. For every frame the current state's
/// handler answers <see cref="StateResult.Continue"/> (wait for the next frame), <see cref="StateResult.Next(int)"/>
/// (move on: the next state re-processes the <em>same</em> frame at once), <see cref="StateResult.Pass"/> or
/// <see cref="StateResult.Fail"/>. A state's timeout runs on server receive time
/// (<see cref="AnalyzedFrame.ReceivedAt"/>) from the first frame it sees; a frame received strictly after
/// start + timeout fails with <see cref="ChallengeReason.StateTimeout"/>. Moving to the current state is a Continue.
/// More than <see cref="MaxTransitionsPerFrame"/> moves on one frame fail the challenge (a loop in the state graph).
/// </summary>
/// <typeparam name="TParameters">
/// The parameters of one session: a class serialized with System.Text.Json (camelCase) to the JSON object that the
/// session stores and the client receives.
/// </typeparam>
/// <typeparam name="TScratch">Per-session working data, created once per evaluator by <see cref="CreateScratch"/> and shared by every state.</typeparam>
public abstract class StateMachineChallenge<TParameters, TScratch> : IChallenge
    where TParameters : class
    where TScratch : class
{
    private readonly ChallengeState<TParameters, TScratch>[] _states;

    /// <summary>Creates the challenge.</summary>
    /// <param name="type">The challenge type name (for example <c>"blink"</c>).</param>
    /// <param name="states">The states; the first one starts. Names must be unique.</param>
    /// <exception cref="ArgumentException">No state, or two states with the same name.</exception>
    protected StateMachineChallenge(string type, IEnumerable<ChallengeState<TParameters, TScratch>> states)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(states);
        _states = [.. states];
        if (_states.Length == 0)
        {
            throw new ArgumentException("A state machine challenge needs at least one state.", nameof(states));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in _states)
        {
            if (state is null)
            {
                throw new ArgumentException("A state is null.", nameof(states));
            }

            if (!names.Add(state.Name))
            {
                throw new ArgumentException($"Two states are named '{state.Name}'.", nameof(states));
            }
        }

        Type = type;
    }

    /// <inheritdoc />
    public string Type { get; }

    /// <summary>The states, in the order given; the first one starts.</summary>
    public IReadOnlyList<ChallengeState<TParameters, TScratch>> States => _states;

    /// <summary>
    /// The most state moves allowed while judging one frame before the challenge fails with
    /// <see cref="ChallengeReason.Custom"/> (a loop in the state graph). Default: twice the number of states, at least 16.
    /// </summary>
    protected virtual int MaxTransitionsPerFrame => Math.Max(16, 2 * _states.Length);

    /// <inheritdoc />
    public JsonElement CreateParameters(in ChallengeParametersArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments.Random);
        var parameters = GenerateParameters(arguments);
        return JsonSerializer.SerializeToElement(parameters, ChallengeJson.Options);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The stored parameters cannot be read or are invalid for this challenge.</exception>
    public IChallengeEvaluator CreateEvaluator(in ChallengeEvaluatorArguments arguments)
    {
        var parameters = ReadParameters(arguments.Parameters);
        var scratch = CreateScratch(parameters, arguments);
        return new StateMachineEvaluator<TParameters, TScratch>(this, _states, parameters, scratch, MaxTransitionsPerFrame);
    }

    /// <summary>Creates the random parameters of a new session.</summary>
    /// <param name="arguments">The real frame size and the random source (use it for every random choice).</param>
    /// <returns>The parameters.</returns>
    protected abstract TParameters GenerateParameters(in ChallengeParametersArguments arguments);

    /// <summary>Creates the per-evaluator scratch object; validate the parameters here (throw <see cref="ArgumentException"/>).</summary>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="arguments">The evaluator arguments (frame size, session start).</param>
    /// <returns>A fresh scratch object.</returns>
    protected abstract TScratch CreateScratch(TParameters parameters, in ChallengeEvaluatorArguments arguments);

    /// <summary>Reads stored parameters. The default deserializes camelCase JSON; <c>required</c> members must be present.</summary>
    /// <param name="parameters">The stored JSON object.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="ArgumentException">The JSON does not describe <typeparamref name="TParameters"/>.</exception>
    protected virtual TParameters ReadParameters(JsonElement parameters)
    {
        if (parameters.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The {Type} challenge parameters must be a JSON object, found {parameters.ValueKind}.", nameof(parameters));
        }

        try
        {
            return parameters.Deserialize<TParameters>(ChallengeJson.Options)
                ?? throw new ArgumentException($"The {Type} challenge parameters are null.", nameof(parameters));
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The {Type} challenge parameters are invalid: {ex.Message}", nameof(parameters), ex);
        }
    }

    /// <summary>
    /// Which of the next frames the challenge needs analysed after <paramref name="context"/>'s frame left it undecided
    /// in <see cref="StateContext{TParameters, TScratch}.State"/> (read by the <see cref="FrameAnalysisStrategy.Sparse"/>
    /// analysis strategy; see <see cref="IFrameDemandSource"/>). The default, <see cref="FrameDemand.EveryFrame"/>, has
    /// every frame analysed; override it to sample the states whose outcome changes slowly. The handlers are then fed
    /// only the analysed frames, with gaps, and must decide correctly from them.
    /// </summary>
    /// <param name="context">The last frame judged (<see cref="StateContext{TParameters, TScratch}.IsStateEntry"/> is <see langword="false"/>), and the state that awaits the next one.</param>
    /// <returns>The demand.</returns>
    protected internal virtual FrameDemand GetFrameDemand(in StateContext<TParameters, TScratch> context) => FrameDemand.EveryFrame;

    /// <summary>The verdict when a state times out. The default fails with <see cref="ChallengeReason.StateTimeout"/> naming the state.</summary>
    /// <param name="context">The frame that arrived too late, in the state that timed out.</param>
    /// <param name="timeout">The state's timeout.</param>
    /// <returns>The failing verdict.</returns>
    protected internal virtual ChallengeVerdict OnStateTimeout(in StateContext<TParameters, TScratch> context, TimeSpan timeout)
        => ChallengeVerdict.Fail(
            ChallengeReason.StateTimeout,
            string.Create(CultureInfo.InvariantCulture, $"State '{context.StateName}' was not completed within {timeout.TotalSeconds:0.###} s."));
}
