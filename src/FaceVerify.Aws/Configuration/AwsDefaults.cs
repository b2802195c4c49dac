using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Microsoft.Extensions.Configuration;

namespace FaceVerify.Aws;

/// <summary>
/// The AWS settings every adapter falls back to when its own FaceVerify section leaves them empty: the application's
/// <see cref="AWSOptions"/> (<c>AddDefaultAWSOptions()</c>, else the standard <c>AWS</c> configuration section), then the
/// SDK's environment variables (<c>AWS_REGION</c>, <c>AWS_DEFAULT_REGION</c>) and the region of the AWS profile
/// (<c>AWS:Profile</c>, <c>AWS_PROFILE</c>, else <c>default</c>). Credentials fall back to the <see cref="AWSOptions"/>
/// credentials or profile, then to the SDK's default chain.
/// </summary>
internal sealed class AwsDefaults
{
    private readonly Func<string, string?> _environment;

    /// <summary>Creates the defaults.</summary>
    /// <param name="aws">The application's AWS options, or <see langword="null"/> when it has none.</param>
    /// <param name="environment">Reads an environment variable (tests pass their own).</param>
    public AwsDefaults(AWSOptions? aws, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Aws = aws;
        _environment = environment;
    }

    /// <summary>
    /// The defaults of a service provider: its <see cref="AWSOptions"/> when registered (<c>AddDefaultAWSOptions()</c>),
    /// else the standard <c>AWS</c> section of its <see cref="IConfiguration"/>.
    /// </summary>
    /// <param name="services">The service provider.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <returns>The defaults.</returns>
    public static AwsDefaults FromServices(IServiceProvider services, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        var aws = services.GetService(typeof(AWSOptions)) as AWSOptions
            ?? (services.GetService(typeof(IConfiguration)) as IConfiguration)?.GetAWSOptions();
        return new AwsDefaults(aws, environment);
    }

    /// <summary>No fallbacks: only what the FaceVerify section sets (tests and tools that build clients by hand).</summary>
    public static AwsDefaults None { get; } = new(null, _ => null);

    /// <summary>The application's AWS options, if any.</summary>
    public AWSOptions? Aws { get; }

    /// <summary>Resolves the settings of one adapter: its own values win, then the fallbacks above.</summary>
    /// <param name="region">The adapter's own region (FaceVerify section).</param>
    /// <param name="serviceUrl">The adapter's own endpoint override (FaceVerify section).</param>
    /// <returns>The resolved region (none when nothing gives one), endpoint override and explicit credentials.</returns>
    public AwsEndpoint Resolve(string? region, string? serviceUrl)
    {
        var url = NonEmpty(serviceUrl) ?? NonEmpty(Aws?.DefaultClientConfig?.ServiceURL);
        var resolvedRegion = NonEmpty(region)
            ?? NonEmpty(Aws?.Region?.SystemName)
            ?? NonEmpty(_environment("AWS_REGION"))
            ?? NonEmpty(_environment("AWS_DEFAULT_REGION"))
            ?? ProfileRegion();
        return new AwsEndpoint(resolvedRegion, url);
    }

    /// <summary>Credentials the <see cref="AWSOptions"/> name explicitly (credentials, profile or role), else <see langword="null"/> for the SDK's default chain.</summary>
    /// <returns>The credentials, or <see langword="null"/>.</returns>
    public AWSCredentials? Credentials()
    {
        if (Aws is null || (Aws.Credentials is null && string.IsNullOrEmpty(Aws.Profile) && string.IsNullOrEmpty(Aws.SessionRoleArn)))
        {
            return null;
        }

        return Aws.GetCredentials();
    }

    /// <summary>The message for an adapter that has no region from anywhere.</summary>
    /// <param name="section">The adapter's configuration section, e.g. <c>FaceVerify:DynamoDb</c>.</param>
    /// <returns>The message.</returns>
    public static string MissingRegion(string section)
        => $"No AWS region for {section}: set {section}:Region, or AWS:Region (or AddDefaultAWSOptions), or the AWS_REGION environment variable, or a region in the AWS profile; for a local endpoint set {section}:ServiceUrl.";

    private string? ProfileRegion()
    {
        if (ReferenceEquals(this, None))
        {
            return null;
        }

        var profile = NonEmpty(Aws?.Profile) ?? NonEmpty(_environment("AWS_PROFILE")) ?? "default";
        try
        {
            var chain = new CredentialProfileStoreChain(Aws?.ProfilesLocation);
            return chain.TryGetProfile(profile, out var found) ? NonEmpty(found.Region?.SystemName) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or AmazonClientException)
        {
            return null; // An unreadable profile file gives no region; the start-up check then names the missing setting.
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>The resolved settings of one adapter.</summary>
/// <param name="Region">The region, or <see langword="null"/> when nothing gives one.</param>
/// <param name="ServiceUrl">The endpoint override, or <see langword="null"/> for the regional endpoint.</param>
internal sealed record AwsEndpoint(string? Region, string? ServiceUrl)
{
    /// <summary>Whether the adapter can be configured: a region, or an endpoint override (local stacks sign with <c>us-east-1</c>).</summary>
    public bool IsComplete => Region is not null || ServiceUrl is not null;

    /// <summary>The signing region: <see cref="Region"/>, or <c>us-east-1</c> for an endpoint override without one.</summary>
    public string SigningRegion => Region ?? "us-east-1";
}
