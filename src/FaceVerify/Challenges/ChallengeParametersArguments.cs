using System.Security.Cryptography;

namespace FaceVerify;

/// <summary>Inputs to <see cref="IChallenge.CreateParameters"/>.</summary>
/// <param name="FrameWidth">Width in pixels of every frame of the session (validated against each frame's header).</param>
/// <param name="FrameHeight">Height in pixels of every frame of the session.</param>
/// <param name="Random">The cryptographically secure random source to draw every parameter from.</param>
public readonly record struct ChallengeParametersArguments(int FrameWidth, int FrameHeight, RandomNumberGenerator Random);
