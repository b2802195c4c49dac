using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.DynamoDb;

/// <summary>Cross-field rules of <see cref="DynamoDbOptions"/>.</summary>
internal sealed class DynamoDbOptionsValidator(AwsDefaults defaults) : IValidateOptions<DynamoDbOptions>
{
    public ValidateOptionsResult Validate(string? name, DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!defaults.Resolve(options.Region, options.ServiceUrl).IsComplete)
        {
            failures.Add(AwsDefaults.MissingRegion(DynamoDbOptions.SectionName));
        }

        if (options.ServiceUrl is { Length: > 0 } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            failures.Add("FaceVerify:DynamoDb:ServiceUrl must be an absolute URL.");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            failures.Add("FaceVerify:DynamoDb:AccessKeyId and FaceVerify:DynamoDb:SecretAccessKey must be set together.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
