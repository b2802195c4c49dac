using System.Security.Cryptography;
using System.Text.Json;

namespace FaceVerify.Testing;

/// <summary>
/// Runs any <see cref="IChallenge"/> over a sequence of analysed frames, the way a session does (a fresh evaluator, the
/// frames in receive order, stopping at the first decision), and returns the outcome with a per-frame trace. A custom
/// challenge is tested in a few lines:
/// <code>
/// var parameters = ChallengeHarness.CreateParameters&lt;NoseChallengeParameters&gt;(new NoseTargetChallenge(), 480, 480);
/// var run = ChallengeHarness.Run(new NoseTargetChallenge(), parameters, NoseSequences.Genuine(parameters));
/// Assert.That(run.Passed, run.ToString());
/// </code>
/// </summary>
public static class ChallengeHarness
{
    /// <summary>The server time of offset zero, and of the session's creation, in every run: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Creates a session's parameters as the challenge would for frames of the given size, and reads them as
    /// <typeparamref name="TParameters"/> (camelCase JSON, as sessions store them).
    /// </summary>
    /// <typeparam name="TParameters">The challenge's parameters type (for example <see cref="NoseChallengeParameters"/>).</typeparam>
    /// <param name="challenge">The challenge.</param>
    /// <param name="frameWidth">Width in pixels of the session's frames.</param>
    /// <param name="frameHeight">Height in pixels of the session's frames.</param>
    /// <param name="random">The random source. Default: a cryptographic one, as in production.</param>
    /// <returns>The parameters.</returns>
    public static TParameters CreateParameters<TParameters>(IChallenge challenge, int frameWidth, int frameHeight, RandomNumberGenerator? random = null)
        where TParameters : class
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var json = CreateParameters(challenge, frameWidth, frameHeight, random);
        return json.Deserialize<TParameters>(ChallengeJson.Options)
            ?? throw new InvalidOperationException($"The {challenge.Type} challenge created null parameters.");
    }

    /// <summary>Creates a session's parameters as the challenge would for frames of the given size.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="frameWidth">Width in pixels of the session's frames.</param>
    /// <param name="frameHeight">Height in pixels of the session's frames.</param>
    /// <param name="random">The random source. Default: a cryptographic one, as in production.</param>
    /// <returns>The parameters as the session stores them.</returns>
    public static JsonElement CreateParameters(IChallenge challenge, int frameWidth, int frameHeight, RandomNumberGenerator? random = null)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (random is not null)
        {
            return challenge.CreateParameters(new ChallengeParametersArguments(frameWidth, frameHeight, random));
        }

        using var owned = RandomNumberGenerator.Create();
        return challenge.CreateParameters(new ChallengeParametersArguments(frameWidth, frameHeight, owned));
    }

    /// <summary>Serializes typed parameters to the JSON a session stores (camelCase, nulls omitted).</summary>
    /// <typeparam name="TParameters">The parameters type.</typeparam>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The JSON object.</returns>
    public static JsonElement ToJson<TParameters>(TParameters parameters)
        where TParameters : class
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return JsonSerializer.SerializeToElement(parameters, ChallengeJson.Options);
    }

    /// <summary>Reads stored or returned parameters (for example <see cref="StartChallengeResult.Parameters"/>) as <typeparamref name="TParameters"/>, camelCase as sessions store them.</summary>
    /// <typeparam name="TParameters">The parameters type.</typeparam>
    /// <param name="parameters">The JSON object.</param>
    /// <returns>The parameters.</returns>
    public static TParameters FromJson<TParameters>(JsonElement parameters)
        where TParameters : class
        => parameters.Deserialize<TParameters>(ChallengeJson.Options) ?? throw new ArgumentException("The parameters are null.", nameof(parameters));

    /// <summary>Runs <paramref name="challenge"/> with typed parameters over <paramref name="frames"/>.</summary>
    /// <typeparam name="TParameters">The parameters type, serialized camelCase as sessions store it.</typeparam>
    /// <param name="challenge">The challenge.</param>
    /// <param name="parameters">The session's parameters.</param>
    /// <param name="frames">The frames; their size is the session's frame size (0 × 0 when unknown).</param>
    /// <returns>The outcome and trace.</returns>
    public static ChallengeRun Run<TParameters>(IChallenge challenge, TParameters parameters, FrameSequence frames)
        where TParameters : class
        => Run(challenge, ToJson(parameters), frames);

    /// <summary>Runs <paramref name="challenge"/> with stored JSON parameters over <paramref name="frames"/>.</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="parameters">The session's parameters, as stored.</param>
    /// <param name="frames">The frames; their size is the session's frame size (0 × 0 when unknown).</param>
    /// <returns>The outcome and trace.</returns>
    public static ChallengeRun Run(IChallenge challenge, JsonElement parameters, FrameSequence frames)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(frames);
        var arguments = new ChallengeEvaluatorArguments(parameters, frames.FrameWidth, frames.FrameHeight, Start);
        return Run(challenge, arguments, frames.ToAnalyzedFrames(Start));
    }

    /// <summary>Runs <paramref name="challenge"/> with explicit evaluator arguments over analysed frames (for example frames recorded from a real session).</summary>
    /// <param name="challenge">The challenge.</param>
    /// <param name="arguments">The evaluator arguments: parameters, frame size, session creation time.</param>
    /// <param name="frames">The frames, in receive order.</param>
    /// <returns>The outcome and trace; offsets are measured from <see cref="ChallengeEvaluatorArguments.SessionCreatedAt"/>.</returns>
    public static ChallengeRun Run(IChallenge challenge, in ChallengeEvaluatorArguments arguments, IEnumerable<AnalyzedFrame> frames)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return Run(challenge.CreateEvaluator(arguments), frames, arguments.SessionCreatedAt);
    }

    /// <summary>Feeds <paramref name="frames"/> to an evaluator until it decides.</summary>
    /// <param name="evaluator">A fresh evaluator.</param>
    /// <param name="frames">The frames, in receive order.</param>
    /// <param name="start">The time offsets in the trace are measured from.</param>
    /// <returns>The outcome and trace.</returns>
    public static ChallengeRun Run(IChallengeEvaluator evaluator, IEnumerable<AnalyzedFrame> frames, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(frames);
        var trace = new List<FrameDecision>();
        foreach (var frame in frames)
        {
            var verdict = evaluator.Evaluate(frame);
            var at = frame.ReceivedAt - start;
            trace.Add(new FrameDecision(frame.Sequence, at, frame.Faces?.Count ?? 0, verdict));
            if (verdict.IsDecided)
            {
                return new ChallengeRun { Verdict = verdict, DecidedAtFrame = frame.Sequence, DecidedAt = at, Trace = trace };
            }
        }

        return new ChallengeRun { Verdict = ChallengeVerdict.Continue, Trace = trace };
    }
}
