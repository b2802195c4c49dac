using Amazon.Runtime;
using Amazon.S3;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.S3;

namespace FaceVerify.Tests.Shared;

/// <summary>
/// Points FaceVerify's DynamoDB and S3 options at the local stack (dynalite, s3rver), for the tests that store through
/// them: <c>.UseDynamoDb(o =&gt; stack.Configure(o, name)).UseS3(o =&gt; stack.Configure(o, name))</c>. Linked into the
/// test projects that reference FaceVerify.Aws (tests/Shared), so the settings live in one place.
/// </summary>
internal static class LocalAwsStorage
{
    /// <summary>s3rver's fixed credentials.</summary>
    public const string S3AccessKey = "S3RVER";

    /// <summary>Dynalite at <see cref="LocalAwsStack.DynamoDb"/>, table <paramref name="table"/>, the stack's credentials.</summary>
    public static void Configure(this LocalAwsStack stack, DynamoDbOptions options, string table)
    {
        options.ServiceUrl = stack.DynamoDb;
        options.Region = stack.Region;
        options.AccessKeyId = stack.AccessKeyId;
        options.SecretAccessKey = stack.SecretAccessKey;
        options.TableName = table;
    }

    /// <summary>
    /// s3rver at <see cref="LocalAwsStack.S3"/>, bucket <paramref name="bucket"/>: path-style addressing, checksums only
    /// when required (s3rver rejects the SDK's default trailing checksums), its fixed credentials.
    /// </summary>
    public static void Configure(this LocalAwsStack stack, S3Options options, string bucket)
    {
        options.ServiceUrl = stack.S3;
        options.Region = stack.Region;
        options.BucketName = bucket;
        options.ForcePathStyle = true;
        options.ChecksumsWhenRequiredOnly = true;
        options.AccessKeyId = S3AccessKey;
        options.SecretAccessKey = S3AccessKey;
    }

    /// <summary>An S3 client for s3rver, for tests that look into the bucket behind FaceVerify's back.</summary>
    public static AmazonS3Client S3Client(this LocalAwsStack stack)
        => new(new BasicAWSCredentials(S3AccessKey, S3AccessKey), new AmazonS3Config { ServiceURL = stack.S3, ForcePathStyle = true, AuthenticationRegion = stack.Region });
}
