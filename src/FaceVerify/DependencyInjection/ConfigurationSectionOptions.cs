using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// Binds options from a configuration section when an <see cref="IConfiguration"/> is registered (as in every host),
/// and does nothing otherwise, so FaceVerify also works in a bare <see cref="IServiceCollection"/>.
/// </summary>
internal sealed class ConfigurationSectionOptions<TOptions>(string section, IConfiguration? configuration = null) : IConfigureOptions<TOptions>
    where TOptions : class
{
    public void Configure(TOptions options) => configuration?.GetSection(section).Bind(options);

    /// <summary>Registers the binding (call once per options type, before any code configuration).</summary>
    public static void Register(IServiceCollection services, string section)
        => services.AddSingleton<IConfigureOptions<TOptions>>(sp => new ConfigurationSectionOptions<TOptions>(section, sp.GetService<IConfiguration>()));
}
