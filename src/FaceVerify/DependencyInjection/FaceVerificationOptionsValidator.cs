using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>Cross-field rules of <see cref="FaceVerificationOptions"/>, checked at start-up.</summary>
internal sealed class FaceVerificationOptionsValidator(IEnumerable<IChallenge> challenges) : IValidateOptions<FaceVerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, FaceVerificationOptions options)
    {
        var failures = new List<string>();
        if (options.MinFrameSize > options.MaxFrameSize)
        {
            failures.Add($"{FaceVerificationOptions.SectionName}:MinFrameSize ({options.MinFrameSize}) must not exceed {FaceVerificationOptions.SectionName}:MaxFrameSize ({options.MaxFrameSize}).");
        }

        if ((long)options.MaxFrameSize * options.MaxFrameSize > options.MaxImagePixels)
        {
            failures.Add($"{FaceVerificationOptions.SectionName}:MaxImagePixels ({options.MaxImagePixels}) must be at least {FaceVerificationOptions.SectionName}:MaxFrameSize squared ({(long)options.MaxFrameSize * options.MaxFrameSize}), or sessions of the largest frame size could never accept a frame.");
        }

        if (options.RetentionPeriod < options.SessionLifetime)
        {
            failures.Add($"{FaceVerificationOptions.SectionName}:RetentionPeriod ({options.RetentionPeriod}) must be at least {FaceVerificationOptions.SectionName}:SessionLifetime ({options.SessionLifetime}).");
        }

        var registered = challenges.Select(c => c.Type).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (registered.Count == 0)
        {
            failures.Add("No challenge is registered: call AddFaceVerification().AddChallenge<T>() or keep the built-in challenges.");
        }

        foreach (var type in options.EnabledChallengeTypes)
        {
            if (!registered.Contains(type))
            {
                failures.Add($"{FaceVerificationOptions.SectionName}:EnabledChallengeTypes names '{type}', which is not a registered challenge (registered: {string.Join(", ", registered.Order())}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
