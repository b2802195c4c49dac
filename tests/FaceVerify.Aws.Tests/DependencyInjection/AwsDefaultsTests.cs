using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.S3;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.Tests.DependencyInjection;

/// <summary>
/// Region, endpoint and credentials of the three adapters come from the FaceVerify sections when set, else from the
/// application's AWSOptions (AddDefaultAWSOptions or the standard AWS section), AWS_REGION, or the AWS profile.
/// </summary>
public class AwsDefaultsTests
{
    private static readonly Dictionary<string, string?> Required = new()
    {
        ["FaceVerify:S3:BucketName"] = "faceverify-frames",
    };

    [Test]
    public void AwsSectionRegion_FaceVerifySectionsWithoutRegion_AllThreeAdaptersUseIt()
    {
        using var provider = Build(new() { ["AWS:Region"] = "eu-central-1" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        DynamoDb(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.EUCentral1);
        S3(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.EUCentral1);
        provider.GetRequiredService<RekognitionClient>().Region.Should().Be("eu-central-1");
    }

    [Test]
    public void FaceVerifySectionRegion_AndAwsSectionRegion_FaceVerifySectionWins()
    {
        using var provider = Build(new()
        {
            ["AWS:Region"] = "eu-central-1",
            ["FaceVerify:DynamoDb:Region"] = "eu-west-1",
            ["FaceVerify:S3:Region"] = "us-west-2",
            ["FaceVerify:Rekognition:Region"] = "ap-northeast-1",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        DynamoDb(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.EUWest1);
        S3(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.USWest2);
        provider.GetRequiredService<RekognitionClient>().Region.Should().Be("ap-northeast-1");
    }

    [Test]
    public void AwsSectionServiceUrl_IsTheEndpointOfEveryAdapter_UnlessItsSectionSetsOne()
    {
        using var provider = Build(new()
        {
            ["AWS:ServiceURL"] = "http://127.0.0.1:4566",
            ["FaceVerify:S3:ServiceUrl"] = "http://127.0.0.1:4569",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        DynamoDb(provider).Config.ServiceURL.Should().StartWith("http://127.0.0.1:4566");
        DynamoDb(provider).Config.AuthenticationRegion.Should().Be("us-east-1");
        S3(provider).Config.ServiceURL.Should().StartWith("http://127.0.0.1:4569");
        provider.GetRequiredService<RekognitionClient>().Endpoint.Should().Be(new Uri("http://127.0.0.1:4566"));
    }

    [Test]
    public void AddDefaultAwsOptions_RegisteredOptions_WinOverTheAwsSection()
    {
        using var provider = Build(
            new() { ["AWS:Region"] = "eu-central-1" },
            services => services.AddDefaultAWSOptions(new AWSOptions { Region = RegionEndpoint.SAEast1 }));

        provider.GetRequiredService<IStartupValidator>().Validate();
        DynamoDb(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.SAEast1);
        provider.GetRequiredService<RekognitionClient>().Region.Should().Be("sa-east-1");
    }

    [Test]
    public void AwsRegionEnvironmentVariable_NothingElse_GivesTheRegion()
    {
        using var provider = Build([], environment: new() { ["AWS_REGION"] = "ap-southeast-2" });

        provider.GetRequiredService<IStartupValidator>().Validate();
        DynamoDb(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.APSoutheast2);
        S3(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.APSoutheast2);
        provider.GetRequiredService<RekognitionClient>().Region.Should().Be("ap-southeast-2");
    }

    [Test]
    public void AwsProfile_WithRegion_GivesTheRegion()
    {
        var file = Path.Combine(Path.GetTempPath(), $"faceverify-aws-{Guid.NewGuid():N}");
        File.WriteAllText(file, "[faceverify-test]\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\nregion = ca-central-1\n");
        try
        {
            using var provider = Build(new() { ["AWS:Profile"] = "faceverify-test", ["AWS:ProfilesLocation"] = file });

            provider.GetRequiredService<IStartupValidator>().Validate();
            DynamoDb(provider).Config.RegionEndpoint.Should().Be(RegionEndpoint.CACentral1);
            provider.GetRequiredService<RekognitionClient>().Region.Should().Be("ca-central-1");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void NothingGivesARegion_StartupFailsNamingEveryWayToSetOne()
    {
        using var provider = Build([]);

        var act = () => provider.GetRequiredService<IStartupValidator>().Validate();

        var message = act.Should().Throw<AggregateException>().Which.ToString();
        foreach (var section in new[] { "FaceVerify:Rekognition", "FaceVerify:DynamoDb", "FaceVerify:S3" })
        {
            message.Should().Contain($"No AWS region for {section}: set {section}:Region, or AWS:Region (or AddDefaultAWSOptions), or the AWS_REGION environment variable");
        }
    }

    private static IAmazonDynamoDB DynamoDb(IServiceProvider provider) => provider.GetRequiredKeyedService<IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client);

    private static IAmazonS3 S3(IServiceProvider provider) => provider.GetRequiredKeyedService<IAmazonS3>(FaceVerifyAwsServiceKeys.Client);

    private static ServiceProvider Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null, Dictionary<string, string>? environment = null)
    {
        var services = new ServiceCollection();
        var all = new Dictionary<string, string?>(Required);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        services.AddLogging();
        more?.Invoke(services);
        var env = environment ?? [];
        services.AddSingleton(sp => AwsDefaults.FromServices(sp, name => env.GetValueOrDefault(name)));
        new Builder(services).UseRekognition().UseDynamoDb().UseS3();
        return services.BuildServiceProvider();
    }

    private sealed class Builder(IServiceCollection services) : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
