namespace FaceVerify;

/// <summary>Runs the states of a <see cref="StateMachineChallenge{TParameters, TScratch}"/> over one session's frames. Allocation-free per frame.</summary>
internal sealed class StateMachineEvaluator<TParameters, TScratch> : IChallengeEvaluator, IChallengeStateDescriber, IFrameDemandSource
    where TParameters : class
    where TScratch : class
{
    private readonly StateMachineChallenge<TParameters, TScratch> _challenge;
    private readonly ChallengeState<TParameters, TScratch>[] _states;
    private readonly TParameters _parameters;
    private readonly TScratch _scratch;
    private readonly int _maxTransitions;
    private readonly DateTimeOffset[] _startedAt;
    private readonly bool[] _seen;
    private int _current;
    private ChallengeVerdict _verdict;
    private AnalyzedFrame _last;
    private bool _any;

    public StateMachineEvaluator(
        StateMachineChallenge<TParameters, TScratch> challenge,
        ChallengeState<TParameters, TScratch>[] states,
        TParameters parameters,
        TScratch scratch,
        int maxTransitions)
    {
        _challenge = challenge;
        _states = states;
        _parameters = parameters;
        _scratch = scratch;
        _maxTransitions = maxTransitions;
        _startedAt = new DateTimeOffset[states.Length];
        _seen = new bool[states.Length];
    }

    /// <inheritdoc />
    public string CurrentStateName => _states[_current].Name;

    /// <inheritdoc />
    public FrameDemand GetFrameDemand()
        => _any && !_verdict.IsDecided
            ? _challenge.GetFrameDemand(new StateContext<TParameters, TScratch>(_parameters, _scratch, _last, _current, _states[_current].Name, _startedAt[_current], false))
            : FrameDemand.EveryFrame;

    /// <summary>The evaluator's scratch object (for diagnostics and the evidence harness in tests).</summary>
    internal TScratch Scratch => _scratch;

    public ChallengeVerdict Evaluate(in AnalyzedFrame frame)
    {
        if (_verdict.IsDecided)
        {
            return _verdict;
        }

        _last = frame;
        _any = true;

        var transitions = 0;
        while (true)
        {
            var state = _states[_current];
            var entry = !_seen[_current];
            if (entry)
            {
                _seen[_current] = true;
                _startedAt[_current] = frame.ReceivedAt;
            }

            var context = new StateContext<TParameters, TScratch>(_parameters, _scratch, frame, _current, state.Name, _startedAt[_current], entry);
            if (!entry && state.Timeout is { } timeout && frame.ReceivedAt > _startedAt[_current] + timeout)
            {
                return _verdict = _challenge.OnStateTimeout(context, timeout);
            }

            var result = state.Handler(context);
            switch (result.Kind)
            {
                case StateResultKind.Pass:
                    return _verdict = ChallengeVerdict.Passed;
                case StateResultKind.Fail:
                    return _verdict = ChallengeVerdict.Fail(result.Reason, result.Detail);
                case StateResultKind.Next:
                    var next = Resolve(result);
                    if (next == _current)
                    {
                        return ChallengeVerdict.Continue;
                    }

                    if (++transitions > _maxTransitions)
                    {
                        return _verdict = ChallengeVerdict.Fail(
                            ChallengeReason.Custom,
                            $"The state machine moved more than {_maxTransitions} times on frame {frame.Sequence} (last move: '{state.Name}' to '{_states[next].Name}'): a loop in the state graph.");
                    }

                    _current = next;
                    continue;
                default:
                    return ChallengeVerdict.Continue;
            }
        }
    }

    private int Resolve(in StateResult result)
    {
        if (result.NextStateName is { } name)
        {
            for (var i = 0; i < _states.Length; i++)
            {
                if (string.Equals(_states[i].Name, name, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            throw new InvalidOperationException($"State '{_states[_current].Name}' of challenge '{_challenge.Type}' moved to an unknown state '{name}'.");
        }

        if (result.NextState >= _states.Length)
        {
            throw new InvalidOperationException($"State '{_states[_current].Name}' of challenge '{_challenge.Type}' moved to state {result.NextState}, but there are only {_states.Length} states.");
        }

        return result.NextState;
    }
}
