using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.S3;

namespace FaceVerify.Aws;

/// <summary>
/// Creates the AWS SDK clients: region, endpoint and credentials from the FaceVerify section when it sets them, else from
/// <see cref="AwsDefaults"/> (the application's <c>AWSOptions</c>/<c>AWS</c> section, the environment, the profile).
/// </summary>
internal static class AwsClients
{
    public static IAmazonDynamoDB CreateDynamoDb(DynamoDbOptions options, AwsDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        defaults ??= AwsDefaults.None;
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = options.MaxErrorRetry, Timeout = options.Timeout };
        Configure(config, defaults.Resolve(options.Region, options.ServiceUrl), DynamoDbOptions.SectionName);
        var credentials = (AWSCredentials?)Credentials(options.AccessKeyId, options.SecretAccessKey) ?? defaults.Credentials();
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    public static IAmazonS3 CreateS3(S3Options options, AwsDefaults? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        defaults ??= AwsDefaults.None;
        var config = new AmazonS3Config { MaxErrorRetry = options.MaxErrorRetry, Timeout = options.Timeout, ForcePathStyle = options.ForcePathStyle };
        if (options.ChecksumsWhenRequiredOnly)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        Configure(config, defaults.Resolve(options.Region, options.ServiceUrl), S3Options.SectionName);
        var credentials = (AWSCredentials?)Credentials(options.AccessKeyId, options.SecretAccessKey) ?? defaults.Credentials();
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    private static void Configure(ClientConfig config, AwsEndpoint endpoint, string section)
    {
        if (endpoint.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = endpoint.SigningRegion;
        }
        else if (endpoint.Region is { } region)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            throw new FaceVerificationException(AwsDefaults.MissingRegion(section));
        }
    }

    private static BasicAWSCredentials? Credentials(string? accessKeyId, string? secretAccessKey)
        => string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey) ? null : new BasicAWSCredentials(accessKeyId, secretAccessKey);
}
