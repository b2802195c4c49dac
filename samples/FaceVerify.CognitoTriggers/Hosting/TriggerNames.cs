using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.CognitoTriggers.Hosting;

/// <summary>The handler names used as each function's <c>Handler</c> setting in template.yaml (the Cognito triggers, the S3 enrolment upload and the scheduled expiry sweep).</summary>
public static class TriggerNames
{
    /// <summary>Every handler name.</summary>
    public static readonly IReadOnlyList<string> All = ["DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse", "PreSignUp", "EnrolmentUpload", "PostAuthentication", "ExpirySweep"];

    /// <summary>Resolves a handler by name.</summary>
    /// <param name="services">The composed services.</param>
    /// <param name="name">The handler name (case-sensitive).</param>
    /// <returns>The handler.</returns>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static ICognitoTrigger Resolve(IServiceProvider services, string name) => name switch
    {
        "DefineAuthChallenge" => services.GetRequiredService<DefineAuthChallengeHandler>(),
        "CreateAuthChallenge" => services.GetRequiredService<CreateAuthChallengeHandler>(),
        "VerifyAuthChallengeResponse" => services.GetRequiredService<VerifyAuthChallengeResponseHandler>(),
        "PreSignUp" => services.GetRequiredService<PreSignUpHandler>(),
        "EnrolmentUpload" => services.GetRequiredService<EnrolmentUploadHandler>(),
        "PostAuthentication" => services.GetRequiredService<PostAuthenticationHandler>(),
        "ExpirySweep" => services.GetRequiredService<ExpirySweepHandler>(),
        _ => throw new ArgumentException($"Unknown handler '{name}'. Known: {string.Join(", ", All)}.", nameof(name)),
    };
}
