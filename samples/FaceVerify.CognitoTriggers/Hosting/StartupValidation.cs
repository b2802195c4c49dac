using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Hosting;

/// <summary>Runs the <c>ValidateOnStart</c> validations without a generic host (a Lambda has none).</summary>
public static class StartupValidation
{
    /// <summary>Validates every options type registered with <c>ValidateOnStart</c>.</summary>
    /// <param name="services">The services.</param>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static void Run(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.GetService<IStartupValidator>()?.Validate();
    }
}
