using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.SecurityTests.Infrastructure;

internal static class ServiceProviderExtensions
{
    public static T GetRequiredServiceCompat<T>(this IServiceProvider services)
        where T : notnull => services.GetRequiredService<T>();
}
