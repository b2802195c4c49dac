using System.Collections;
using Microsoft.Extensions.Configuration;

namespace FaceVerify.CognitoTriggers.Hosting;

/// <summary>
/// Configuration from environment variables, the way ASP.NET Core reads them: <c>FaceVerify__SimilarityThreshold</c>
/// is <c>FaceVerify:SimilarityThreshold</c>. Only variables under the sections the triggers use are read, so the
/// Lambda environment's own variables (credentials among them) never enter configuration.
/// </summary>
public static class EnvironmentConfiguration
{
    /// <summary>The sections read.</summary>
    public static readonly IReadOnlyList<string> Sections = ["FaceVerify", CognitoTriggerOptions.SectionName];

    /// <summary>Builds configuration from <paramref name="environment"/>.</summary>
    /// <param name="environment">The variables, e.g. <see cref="Environment.GetEnvironmentVariables()"/>.</param>
    /// <returns>The configuration.</returns>
    public static IConfigurationRoot Build(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            var key = ((string)entry.Key).Replace("__", ":", StringComparison.Ordinal);
            if (Sections.Any(s => key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase)))
            {
                values[key] = entry.Value as string;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
