using Amazon.DynamoDBv2;
using Amazon.S3;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Aws.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Tests.DependencyInjection;

/// <summary>The registrations wired to the local stack from configuration alone, end to end.</summary>
[NonParallelizable]
public class AwsFaceVerificationBuilderLocalStackTests
{
    [Test]
    public async Task UseDynamoDbAndS3_LocalStackConfiguration_ResolvedStoresWorkEndToEnd()
    {
        var stack = await LocalAwsStack.GetAsync("dynamodb,s3");
        var settings = new Dictionary<string, string?>
        {
            ["FaceVerify:DynamoDb:ServiceUrl"] = stack.DynamoDb,
            ["FaceVerify:DynamoDb:TableName"] = "faceverify-di-tests",
            ["FaceVerify:DynamoDb:AccessKeyId"] = stack.AccessKeyId,
            ["FaceVerify:DynamoDb:SecretAccessKey"] = stack.SecretAccessKey,
            ["FaceVerify:S3:ServiceUrl"] = stack.S3,
            ["FaceVerify:S3:BucketName"] = "faceverify-di-tests",
            ["FaceVerify:S3:ForcePathStyle"] = "true",
            ["FaceVerify:S3:ChecksumsWhenRequiredOnly"] = "true",
            ["FaceVerify:S3:AccessKeyId"] = "S3RVER",
            ["FaceVerify:S3:SecretAccessKey"] = "S3RVER",
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        new TestBuilder(services).UseDynamoDb().UseS3();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<DynamoDbAttemptStore>().EnsureTableAsync();
        await provider.GetRequiredService<S3FrameStore>().EnsureBucketAsync();
        var attempts = provider.GetRequiredService<IAttemptStore>();
        var frames = provider.GetRequiredService<IFrameStore>();
        var tokenId = Guid.NewGuid().ToString("N");
        var key = FrameKeys.Enrolment("user-" + tokenId, ImageFormat.Jpeg);

        var first = await attempts.TryRedeemTokenAsync(tokenId, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var second = await attempts.TryRedeemTokenAsync(tokenId, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        await frames.PutAsync(key, new byte[] { 0xFF, 0xD8, 0xFF }, "image/jpeg", DateTimeOffset.UtcNow.AddDays(1), CancellationToken.None);

        first.Should().BeTrue();
        second.Should().BeFalse();
        (await frames.GetAsync(key, CancellationToken.None)).Should().Equal(0xFF, 0xD8, 0xFF);
    }

    private sealed class TestBuilder(IServiceCollection services) : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
