using System.Net.Http.Headers;
using FaceVerify.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FaceVerify.AspNetCore.Tests;

/// <summary>Starts the test <see cref="Program"/> in memory with a manual clock, the scripted analyzer, a fake face collection and a fake face comparer.</summary>
internal sealed class FaceVerifyApiFactory : WebApplicationFactory<Program>
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public ScriptedFaceAnalyzer Analyzer { get; } = TestAnalyzer.Create();

    public FakeFaceCollection Collection { get; } = new();

    /// <summary>The face comparer (face login and the identity check at verify). Default: 99 for every pair.</summary>
    public FakeFaceComparer Comparer { get; } = new();

    public Action<FaceVerificationOptions>? ConfigureCore { get; init; }

    public Action<FaceVerificationEndpointOptions>? ConfigureEndpoints { get; init; }

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>A client signed in as <paramref name="user"/> (none when <see langword="null"/>).</summary>
    public HttpClient ClientFor(string? user, string? role = null)
    {
        var client = CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(Program.UserHeader, user);
        }

        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(Program.RoleHeader, role);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
            services.Replace(ServiceDescriptor.Singleton<IFaceAnalyzer>(Analyzer));
            services.Replace(ServiceDescriptor.Singleton<IFaceCollection>(Collection));
            services.Replace(ServiceDescriptor.Singleton<IFaceComparer>(Comparer));
            if (ConfigureCore is not null)
            {
                services.Configure(ConfigureCore);
            }

            if (ConfigureEndpoints is not null)
            {
                services.Configure(ConfigureEndpoints);
            }

            ConfigureServices?.Invoke(services);
        });
    }
}
