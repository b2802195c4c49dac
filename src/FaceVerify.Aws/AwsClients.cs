using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.S3;

namespace FaceVerify.Aws;

/// <summary>Creates the AWS SDK clients from FaceVerify options (AWSSDK.Extensions.NETCore.Setup is not used).</summary>
internal static class AwsClients
{
    public static IAmazonDynamoDB CreateDynamoDb(DynamoDbOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonDynamoDBConfig { MaxErrorRetry = options.MaxErrorRetry, Timeout = options.Timeout };
        Configure(config, options.Region, options.ServiceUrl);
        var credentials = Credentials(options.AccessKeyId, options.SecretAccessKey);
        return credentials is null ? new AmazonDynamoDBClient(config) : new AmazonDynamoDBClient(credentials, config);
    }

    public static IAmazonS3 CreateS3(S3Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config { MaxErrorRetry = options.MaxErrorRetry, Timeout = options.Timeout, ForcePathStyle = options.ForcePathStyle };
        if (options.ChecksumsWhenRequiredOnly)
        {
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }

        Configure(config, options.Region, options.ServiceUrl);
        var credentials = Credentials(options.AccessKeyId, options.SecretAccessKey);
        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }

    private static void Configure(ClientConfig config, string? region, string? serviceUrl)
    {
        if (!string.IsNullOrEmpty(serviceUrl))
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = string.IsNullOrEmpty(region) ? "us-east-1" : region;
        }
        else if (!string.IsNullOrEmpty(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }

    private static BasicAWSCredentials? Credentials(string? accessKeyId, string? secretAccessKey)
        => string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey) ? null : new BasicAWSCredentials(accessKeyId, secretAccessKey);
}
