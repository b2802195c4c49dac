using Amazon.DynamoDBv2;
using Amazon.S3;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Aws.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Tests.DependencyInjection;

public class AwsFaceVerificationBuilderExtensionsTests
{
    private static readonly Dictionary<string, string?> Complete = new()
    {
        ["FaceVerify:Rekognition:Region"] = "eu-west-1",
        ["FaceVerify:Rekognition:CollectionId"] = "prod-faces",
        ["FaceVerify:Rekognition:QualityFilter"] = "HIGH",
        ["FaceVerify:DynamoDb:Region"] = "eu-west-1",
        ["FaceVerify:DynamoDb:TableName"] = "faceverify-prod",
        ["FaceVerify:S3:Region"] = "eu-west-1",
        ["FaceVerify:S3:BucketName"] = "faceverify-frames-prod",
    };

    [Test]
    public void UseRekognitionDynamoDbS3_CompleteConfiguration_ReplaceEarlierRegistrations()
    {
        var services = Services(Complete);
        services.AddSingleton<IFaceAnalyzer, NullAnalyzer>();
        services.AddSingleton<IAttemptStore>(_ => throw new InvalidOperationException("replaced"));
        services.AddSingleton<IFrameStore>(_ => throw new InvalidOperationException("replaced"));
        var builder = new Builder(services);

        builder.UseRekognition().UseDynamoDb().UseS3();
        using var provider = services.BuildServiceProvider(validateScopes: true);
        provider.GetRequiredService<IStartupValidator>().Validate();

        provider.GetServices<IFaceAnalyzer>().Should().ContainSingle().Which.Should().BeOfType<RekognitionFaceAnalyzer>();
        provider.GetRequiredService<IFaceComparer>().Should().BeOfType<RekognitionFaceComparer>();
        provider.GetRequiredService<IFaceCollection>().Should().BeOfType<RekognitionFaceCollection>();
        provider.GetServices<IAttemptStore>().Should().ContainSingle().Which.Should().BeOfType<DynamoDbAttemptStore>();
        provider.GetServices<IFrameStore>().Should().ContainSingle().Which.Should().BeOfType<S3FrameStore>();
        provider.GetRequiredService<IOptions<RekognitionOptions>>().Value.CollectionId.Should().Be("prod-faces");
        provider.GetRequiredService<IOptions<RekognitionOptions>>().Value.QualityFilter.Should().Be("HIGH");
        provider.GetRequiredKeyedService<IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client).Config.RegionEndpoint.SystemName.Should().Be("eu-west-1");
        provider.GetRequiredKeyedService<IAmazonS3>(FaceVerifyAwsServiceKeys.Client).Should().NotBeNull();
    }

    [Test]
    public void UseDynamoDbAndS3_AfterAndBeforeInMemoryStores_LastRegistrationWins()
    {
        var awsLast = Services(Complete);
        new Builder(awsLast).UseInMemoryStores().UseDynamoDb().UseS3();
        var memoryLast = Services(Complete);
        new Builder(memoryLast).UseDynamoDb().UseS3().UseInMemoryStores();

        using var awsProvider = awsLast.BuildServiceProvider();
        using var memoryProvider = memoryLast.BuildServiceProvider();

        awsProvider.GetRequiredService<IAttemptStore>().Should().BeOfType<DynamoDbAttemptStore>();
        awsProvider.GetRequiredService<IFrameStore>().Should().BeOfType<S3FrameStore>();
        memoryProvider.GetRequiredService<IAttemptStore>().Should().NotBeOfType<DynamoDbAttemptStore>();
        memoryProvider.GetRequiredService<IFrameStore>().Should().NotBeOfType<S3FrameStore>();
    }

    [Test]
    public void UseRekognition_ConfigureDelegate_AppliesAfterConfiguration()
    {
        var services = Services(Complete);

        new Builder(services).UseRekognition(o => o.CollectionId = "from-code");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<RekognitionOptions>>().Value.CollectionId.Should().Be("from-code");
    }

    [TestCase("FaceVerify:Rekognition:Region", null, "No AWS region for FaceVerify:Rekognition")]
    [TestCase("FaceVerify:Rekognition:CollectionId", "bad id/with slash", "FaceVerify:Rekognition:CollectionId must be")]
    [TestCase("FaceVerify:Rekognition:QualityFilter", "BEST", "FaceVerify:Rekognition:QualityFilter must be")]
    [TestCase("FaceVerify:Rekognition:AccessKeyId", "AKIAONLYKEY", "AccessKeyId and FaceVerify:Rekognition:SecretAccessKey must be set together")]
    public void UseRekognition_InvalidSetting_StartupValidationNamesTheSetting(string key, string? value, string message)
        => AssertStartupFails(b => b.UseRekognition(), key, value, message);

    [TestCase("FaceVerify:DynamoDb:Region", null, "No AWS region for FaceVerify:DynamoDb")]
    [TestCase("FaceVerify:DynamoDb:TableName", "x", "FaceVerify:DynamoDb:TableName must be")]
    public void UseDynamoDb_InvalidSetting_StartupValidationNamesTheSetting(string key, string? value, string message)
        => AssertStartupFails(b => b.UseDynamoDb(), key, value, message);

    [TestCase("FaceVerify:S3:BucketName", null, "FaceVerify:S3:BucketName is required")]
    [TestCase("FaceVerify:S3:KmsKeyId", "arn:aws:kms:eu-west-1:123456789012:key/abc", "FaceVerify:S3:KmsKeyId needs FaceVerify:S3:ServerSideEncryption = aws:kms")]
    [TestCase("FaceVerify:S3:ExpectedBucketOwner", "12345", "FaceVerify:S3:ExpectedBucketOwner must be")]
    public void UseS3_InvalidSetting_StartupValidationNamesTheSetting(string key, string? value, string message)
        => AssertStartupFails(b => b.UseS3(), key, value, message);

    [Test]
    public void UseRekognition_ServiceUrlWithoutRegion_IsValid()
    {
        var settings = new Dictionary<string, string?>(Complete) { ["FaceVerify:Rekognition:Region"] = null, ["FaceVerify:Rekognition:ServiceUrl"] = "http://127.0.0.1:4600" };
        var services = Services(settings);

        new Builder(services).UseRekognition();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        provider.GetRequiredService<RekognitionClient>().Endpoint.Should().Be(new Uri("http://127.0.0.1:4600"));
    }

    [Test]
    public void UseRekognition_RegionOnlyInTheAwsSection_ClientUsesItsRegionalEndpoint()
    {
        // The options' own ResolveEndpoint/ResolveRegion read only the FaceVerify section (an endpoint with an empty
        // region, us-east-1 signing); they are gone, and the client's resolution (FaceVerify section, then AWSOptions,
        // then the environment) is the one answer.
        var settings = new Dictionary<string, string?>(Complete) { ["FaceVerify:Rekognition:Region"] = null, ["AWS:Region"] = "eu-central-1" };
        var services = Services(settings);

        new Builder(services).UseRekognition();
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<RekognitionClient>();
        client.Endpoint.Should().Be(new Uri("https://rekognition.eu-central-1.amazonaws.com/"));
        client.Region.Should().Be("eu-central-1");
    }

    private static void AssertStartupFails(Action<Builder> register, string key, string? value, string message)
    {
        var settings = new Dictionary<string, string?>(Complete) { [key] = value };
        var services = Services(settings);
        register(new Builder(services));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        act.Should().Throw<Exception>().Where(e => e.ToString().Contains(message, StringComparison.Ordinal));
    }

    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings.Where(p => p.Value is not null)).Build());
        services.AddLogging();

        // Hermetic: the machine's AWS_REGION or profile must not fill in a region these tests leave out.
        services.AddSingleton(sp => AwsDefaults.FromServices(sp, _ => null));
        return services;
    }

    private sealed class Builder(IServiceCollection services) : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class NullAnalyzer : IFaceAnalyzer
    {
        public ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken) => ValueTask.FromResult(FaceAnalysis.NoFaces);
    }
}
