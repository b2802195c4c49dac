using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// Builds a challenge that looks like a real one (a registered challenge's parameters for the frame size, an id of the
/// same format, a session token signed by the same key) but has no stored session behind it. The Create trigger answers
/// with one for unknown users and when it cannot start a real session (locked out, fault), so Cognito's responses
/// never tell those cases from a real challenge. The FaceVerify API refuses its frames (no such session), and the
/// Verify trigger never accepts it.
/// </summary>
public sealed class DecoyChallengeFactory(
    IEnumerable<IChallenge> challenges,
    IFaceVerificationTokens tokens,
    IOptions<FaceVerificationOptions> options,
    TimeProvider time)
{
    private readonly IChallenge[] _challenges = [.. challenges];
    private readonly FaceVerificationOptions _options = options.Value;

    /// <summary>Creates a decoy for frames of the given size.</summary>
    /// <param name="frameWidth">Frame width.</param>
    /// <param name="frameHeight">Frame height.</param>
    /// <returns>A start result shaped like a real one.</returns>
    public StartChallengeResult Create(int frameWidth, int frameHeight)
    {
        var enabled = _options.EnabledChallengeTypes.Count == 0
            ? _challenges
            : [.. _challenges.Where(c => _options.EnabledChallengeTypes.Contains(c.Type, StringComparer.OrdinalIgnoreCase))];
        if (enabled.Length == 0)
        {
            throw new InvalidOperationException("No challenge is registered.");
        }

        var challenge = enabled[RandomNumberGenerator.GetInt32(enabled.Length)];
        using var random = RandomNumberGenerator.Create();
        var parameters = challenge.CreateParameters(new ChallengeParametersArguments(frameWidth, frameHeight, random));
        var now = time.GetUtcNow();
        var session = new ChallengeSession
        {
            Id = NewId(),
            UserId = Guid.NewGuid().ToString(),
            ChallengeType = challenge.Type,
            Parameters = parameters,
            FrameWidth = frameWidth,
            FrameHeight = frameHeight,
            CreatedAt = now,
            ExpiresAt = now + _options.SessionLifetime,
            RetainUntil = now + _options.RetentionPeriod,
        };

        return new StartChallengeResult
        {
            SessionId = session.Id,
            SessionToken = tokens.IssueSessionToken(session),
            ChallengeType = challenge.Type,
            Parameters = parameters,
            ExpiresAt = session.ExpiresAt,
        };
    }

    /// <summary>Same format as the session service's ids: 16 random bytes, base64url without padding.</summary>
    private static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Serialises challenge parameters for a string-only Cognito map.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>Compact JSON.</returns>
    internal static string ToJson(JsonElement? parameters) => parameters is { } p ? JsonSerializer.Serialize(p) : "{}";
}
