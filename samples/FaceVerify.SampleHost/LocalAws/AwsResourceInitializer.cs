using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Aws.S3;

namespace FaceVerify.SampleHost;

/// <summary>Development convenience: creates the Rekognition collection (and the DynamoDB table and S3 bucket when used) at start-up.</summary>
internal sealed class AwsResourceInitializer(IServiceProvider services, ILogger<AwsResourceInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<RekognitionFaceCollection>() is { } collection)
        {
            await collection.EnsureCollectionAsync(cancellationToken);
        }

        if (services.GetService<DynamoDbAttemptStore>() is { } table)
        {
            await table.EnsureTableAsync(cancellationToken);
        }

        if (services.GetService<S3FrameStore>() is { } bucket)
        {
            await bucket.EnsureBucketAsync(cancellationToken);
        }

        SampleLog.ResourcesReady(logger);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
