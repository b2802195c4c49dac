using Microsoft.Extensions.Options;

namespace FaceVerify.Aws;

/// <summary>
/// The shape of the cross-field validators of the AWS options: the region must resolve (from the options, the service
/// URL or the environment), then the rules of the service; all failures are reported together.
/// </summary>
/// <typeparam name="TOptions">The options validated.</typeparam>
internal abstract class AwsOptionsValidator<TOptions>(AwsDefaults defaults, string sectionName) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var (region, serviceUrl) = Endpoint(options);
        if (!defaults.Resolve(region, serviceUrl).IsComplete)
        {
            failures.Add(AwsDefaults.MissingRegion(sectionName));
        }

        AddFailures(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The region and service URL the client will resolve its endpoint from.</summary>
    protected abstract (string? Region, string? ServiceUrl) Endpoint(TOptions options);

    /// <summary>Adds the service's own rules' failures, in the order they are reported.</summary>
    protected abstract void AddFailures(TOptions options, List<string> failures);

    /// <summary>A non-empty <paramref name="serviceUrl"/> must be an absolute URL.</summary>
    protected void RequireAbsoluteServiceUrl(string? serviceUrl, List<string> failures)
    {
        if (serviceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add($"{sectionName}:ServiceUrl must be an absolute URL.");
        }
    }

    /// <summary>The access key id and the secret access key are both set or both empty.</summary>
    protected void RequireKeyPair(string? accessKeyId, string? secretAccessKey, List<string> failures)
    {
        if (string.IsNullOrEmpty(accessKeyId) != string.IsNullOrEmpty(secretAccessKey))
        {
            failures.Add($"{sectionName}:AccessKeyId and {sectionName}:SecretAccessKey must be set together.");
        }
    }
}
