using FaceVerify.CognitoTriggers.Enrolment;
using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Cognito trigger handlers (FaceVerify itself, its stores and an <see cref="IUploadStore"/> are registered by the caller).</summary>
public static class TriggerServiceCollectionExtensions
{
    /// <summary>Registers the handlers, the decoy factory and <see cref="CognitoTriggerOptions"/> (section <c>"CognitoTriggers"</c>, validated at start-up).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Optional code configuration.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCognitoTriggers(this IServiceCollection services, Action<CognitoTriggerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CognitoTriggerOptions>()
            .BindConfiguration(CognitoTriggerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<DecoyChallengeFactory>();
        services.TryAddSingleton<DefineAuthChallengeHandler>();
        services.TryAddSingleton<CreateAuthChallengeHandler>();
        services.TryAddSingleton<VerifyAuthChallengeResponseHandler>();
        services.TryAddSingleton<PreSignUpHandler>();
        services.TryAddSingleton<EnrolmentUploadHandler>();
        services.TryAddSingleton<PostAuthenticationHandler>();
        services.TryAddSingleton<ExpirySweepHandler>();

        // Re-enrolment is approved by a fresh e-mail-code sign-in on the enrolment client (PostAuthentication).
        services.TryAddSingleton<EmailCodeEnrolmentApproval>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FaceVerify.IEnrolmentApproval, EmailCodeEnrolmentApproval>(sp => sp.GetRequiredService<EmailCodeEnrolmentApproval>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FaceVerify.IEnrolmentObserver, EmailCodeEnrolmentApproval>(sp => sp.GetRequiredService<EmailCodeEnrolmentApproval>()));
        return services;
    }
}
