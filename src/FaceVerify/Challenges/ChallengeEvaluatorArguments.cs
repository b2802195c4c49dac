using System.Text.Json;

namespace FaceVerify;

/// <summary>Inputs to <see cref="IChallenge.CreateEvaluator"/>.</summary>
/// <param name="Parameters">The parameters created for the session.</param>
/// <param name="FrameWidth">Width in pixels of the session's frames.</param>
/// <param name="FrameHeight">Height in pixels of the session's frames.</param>
/// <param name="SessionCreatedAt">When the session was created (server time).</param>
public readonly record struct ChallengeEvaluatorArguments(JsonElement Parameters, int FrameWidth, int FrameHeight, DateTimeOffset SessionCreatedAt);
