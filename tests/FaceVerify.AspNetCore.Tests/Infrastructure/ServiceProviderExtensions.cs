using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.AspNetCore.Tests;

internal static class ServiceProviderExtensions
{
    public static T GetRequiredServiceForTest<T>(this IServiceProvider services)
        where T : notnull
        => services.GetRequiredService<T>();
}
