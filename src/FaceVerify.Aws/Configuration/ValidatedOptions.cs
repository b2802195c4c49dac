using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify.Aws;

/// <summary>How every AWS adapter registers its options: bound from its configuration section, then <c>configure</c>, validated at start-up.</summary>
internal static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="sectionName"/>, applies <paramref name="configure"/>
    /// after binding, and validates the data annotations when the host starts.
    /// </summary>
    public static void Add<TOptions>(IServiceCollection services, string sectionName, Action<TOptions>? configure)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }
    }
}
