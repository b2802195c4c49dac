using Microsoft.Extensions.Options;

namespace FaceVerify.Aws;

/// <summary>
/// The cross-field validators of the AWS options: the region must resolve (from the options, the service URL or the
/// environment), then the options' own rules; all failures are reported together.
/// </summary>
/// <typeparam name="TOptions">The options validated.</typeparam>
internal abstract class AwsOptionsValidator<TOptions>(AwsDefaults defaults, string sectionName) : IValidateOptions<TOptions>
    where TOptions : class, IAwsClientOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!defaults.Resolve(options.Region, options.ServiceUrl).IsComplete)
        {
            failures.Add(AwsDefaults.MissingRegion(sectionName));
        }

        AddFailures(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Adds the failures of the options' own rules, in the order they are reported. By default: a non-empty service URL
    /// must be an absolute URL, then the service's rules (<see cref="AddServiceFailures"/>), then the access key id and
    /// the secret access key are both set or both empty.
    /// </summary>
    protected virtual void AddFailures(TOptions options, List<string> failures)
    {
        if (options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add($"{sectionName}:ServiceUrl must be an absolute URL.");
        }

        AddServiceFailures(options, failures);
        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            failures.Add($"{sectionName}:AccessKeyId and {sectionName}:SecretAccessKey must be set together.");
        }
    }

    /// <summary>Adds the failures of the service's own rules, reported between the service URL and the key pair; none by default.</summary>
    protected virtual void AddServiceFailures(TOptions options, List<string> failures)
    {
    }
}
