using FaceVerify.Aws.S3;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Tests.S3;

/// <summary>One bucket on the local stack's s3rver, created once for the test run.</summary>
internal static class S3TestBucket
{
    public const string BucketName = "faceverify-tests";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static S3FrameStore? _store;

    /// <summary>Options for s3rver: its own credentials S3RVER/S3RVER, path style, checksums only where required.</summary>
    public static async Task<S3Options> OptionsAsync()
    {
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        return new S3Options
        {
            BucketName = BucketName,
            ServiceUrl = stack.S3,
            Region = stack.Region,
            ForcePathStyle = true,
            AccessKeyId = "S3RVER",
            SecretAccessKey = "S3RVER",
            ChecksumsWhenRequiredOnly = true,
        };
    }

    public static async Task<S3FrameStore> GetStoreAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_store is null)
            {
                var options = await OptionsAsync();
                var store = new S3FrameStore(AwsClients.CreateS3(options), Options.Create(options), NullLogger<S3FrameStore>.Instance);
                await store.EnsureBucketAsync();
                _store = store;
            }

            return _store;
        }
        finally
        {
            Gate.Release();
        }
    }
}
