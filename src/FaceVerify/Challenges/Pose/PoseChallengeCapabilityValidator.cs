using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// Fails start-up when the pose challenge is enabled but asks for poses the face analyzer cannot judge
/// (<see cref="IFaceAnalyzer.MeasuredAttributes"/>), so that no user is ever asked for a pose nobody can check.
/// </summary>
internal sealed class PoseChallengeCapabilityValidator(IEnumerable<IChallenge> challenges) : IValidateOptions<FaceVerificationOptions>
{
    public ValidateOptionsResult Validate(string? name, FaceVerificationOptions options)
    {
        var enabled = options.EnabledChallengeTypes.Count == 0
            || options.EnabledChallengeTypes.Contains(PoseChallenge.TypeName, StringComparer.OrdinalIgnoreCase);
        if (!enabled)
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = challenges.OfType<PoseChallenge>().Select(c => c.ConfigurationError).OfType<string>().Distinct().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
