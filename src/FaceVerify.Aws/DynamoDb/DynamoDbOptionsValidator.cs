namespace FaceVerify.Aws.DynamoDb;

/// <summary>Cross-field rules of <see cref="DynamoDbOptions"/>.</summary>
internal sealed class DynamoDbOptionsValidator(AwsDefaults defaults)
    : AwsOptionsValidator<DynamoDbOptions>(defaults, DynamoDbOptions.SectionName)
{
    protected override (string? Region, string? ServiceUrl) Endpoint(DynamoDbOptions options) => (options.Region, options.ServiceUrl);

    protected override void AddFailures(DynamoDbOptions options, List<string> failures)
    {
        RequireAbsoluteServiceUrl(options.ServiceUrl, failures);
        RequireKeyPair(options.AccessKeyId, options.SecretAccessKey, failures);
    }
}
