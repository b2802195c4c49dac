using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceVerify.Aws.Tests.HealthChecks;

/// <summary>The FaceVerify health checks on the AWS adapters: against the local stack, and against endpoints where nothing listens.</summary>
[NonParallelizable]
public class AwsHealthChecksTests
{
    [Test]
    public async Task HealthChecks_LocalStackUp_StoresAnalyzerAndCollectionHealthy()
    {
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3,rekognition");
        await using var provider = Build(stack.DynamoDb!, stack.S3!, stack.Rekognition!, stack.AccessKeyId, stack.SecretAccessKey);
        await provider.GetRequiredService<FaceVerify.Aws.DynamoDb.DynamoDbAttemptStore>().EnsureTableAsync();
        await provider.GetRequiredService<FaceVerify.Aws.S3.S3FrameStore>().EnsureBucketAsync();
        await provider.GetRequiredService<FaceVerify.Aws.Rekognition.RekognitionFaceCollection>().EnsureCollectionAsync();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        foreach (var name in new[] { FaceVerificationHealthCheckNames.AttemptStore, FaceVerificationHealthCheckNames.FrameStore, FaceVerificationHealthCheckNames.FaceAnalyzer, FaceVerificationHealthCheckNames.FaceCollection })
        {
            report.Entries[name].Status.Should().Be(HealthStatus.Healthy, $"{name}: {report.Entries[name].Description}");
        }
    }

    [Test]
    public async Task HealthChecks_NothingListens_EveryDependencyUnhealthyWithinTimeout()
    {
        var closed = "http://127.0.0.1:" + FreePort();
        await using var provider = Build(closed, closed, closed, "local", "local-secret");

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        foreach (var name in new[] { FaceVerificationHealthCheckNames.AttemptStore, FaceVerificationHealthCheckNames.FrameStore, FaceVerificationHealthCheckNames.FaceAnalyzer, FaceVerificationHealthCheckNames.FaceCollection })
        {
            report.Entries[name].Status.Should().Be(HealthStatus.Unhealthy, name);
        }
    }

    [Test]
    public async Task HealthChecks_CollectionMissing_CollectionUnhealthyAnalyzerHealthy()
    {
        var stack = await LocalAwsStack.GetAsync("rekognition");
        var services = Services(stack.Rekognition!, stack.AccessKeyId, stack.SecretAccessKey, "missing-" + Guid.NewGuid().ToString("N"));
        services.AddFaceVerification().UseInMemoryStores().UseEphemeralSigningKey().UseRekognition();
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        report.Entries[FaceVerificationHealthCheckNames.FaceAnalyzer].Status.Should().Be(HealthStatus.Healthy);
        report.Entries[FaceVerificationHealthCheckNames.FaceCollection].Status.Should().Be(HealthStatus.Unhealthy, "ListFaces on a missing collection is refused");
    }

    private static ServiceProvider Build(string dynamo, string s3, string rekognition, string accessKey, string secret)
    {
        var services = Services(rekognition, accessKey, secret, "faceverify-health-tests");
        var settings = new Dictionary<string, string?>
        {
            ["FaceVerify:DynamoDb:ServiceUrl"] = dynamo,
            ["FaceVerify:DynamoDb:TableName"] = "faceverify-health-tests",
            ["FaceVerify:DynamoDb:AccessKeyId"] = accessKey,
            ["FaceVerify:DynamoDb:SecretAccessKey"] = secret,
            ["FaceVerify:DynamoDb:MaxErrorRetry"] = "0",
            ["FaceVerify:S3:ServiceUrl"] = s3,
            ["FaceVerify:S3:BucketName"] = "faceverify-health-tests",
            ["FaceVerify:S3:ForcePathStyle"] = "true",
            ["FaceVerify:S3:ChecksumsWhenRequiredOnly"] = "true",
            ["FaceVerify:S3:AccessKeyId"] = "S3RVER",
            ["FaceVerify:S3:SecretAccessKey"] = "S3RVER",
            ["FaceVerify:S3:MaxErrorRetry"] = "0",
        };
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddFaceVerification().UseEphemeralSigningKey().UseRekognition().UseDynamoDb().UseS3();
        return services.BuildServiceProvider();
    }

    private static ServiceCollection Services(string rekognition, string accessKey, string secret, string collection)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddHealthChecks().AddFaceVerificationHealthChecks(o => o.Timeout = TimeSpan.FromSeconds(20));
        services.Configure<FaceVerify.Aws.Rekognition.RekognitionOptions>(o =>
        {
            o.ServiceUrl = rekognition;
            o.AccessKeyId = accessKey;
            o.SecretAccessKey = secret;
            o.CollectionId = collection;
        });
        return services;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
