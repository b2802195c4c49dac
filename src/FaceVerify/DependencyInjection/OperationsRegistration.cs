using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace FaceVerify;

/// <summary>The operational services <c>AddFaceVerification()</c> registers: metrics through <c>IMeterFactory</c>, the session expiry sweeper and the enrolment expiry sweeper.</summary>
internal static class OperationsRegistration
{
    public static void Register(IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<FaceVerifyMetrics>();
        services.TryAddSingleton<InstrumentedStores>();
        ConfigurationSectionOptions<SessionExpiryOptions>.Register(services, SessionExpiryOptions.SectionName);
        services.AddOptions<SessionExpiryOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ISessionExpirySweeper, SessionExpirySweeper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SessionExpiryHostedService>());
        ConfigurationSectionOptions<EnrolmentExpiryOptions>.Register(services, EnrolmentExpiryOptions.SectionName);
        services.AddOptions<EnrolmentExpiryOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp => new EnrolmentExpiryIndexSource(sp.GetRequiredService<IAttemptStore>() as IEnrolmentExpiryIndex));
        services.TryAddSingleton<IEnrolmentExpirySweeper, EnrolmentExpirySweeper>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EnrolmentExpiryHostedService>());
    }
}
