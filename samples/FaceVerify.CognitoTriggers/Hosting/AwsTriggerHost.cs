using System.Collections;
using Amazon.S3;
using FaceVerify.Aws;
using FaceVerify.CognitoTriggers.Enrolment;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers.Hosting;

/// <summary>
/// The composition root for AWS: FaceVerify on DynamoDB (sessions, attempts), S3 (frames, reference photos) and
/// Rekognition (analysis, the face collection), configured from environment variables (see template.yaml and
/// docs/cognito.md), plus the triggers and the S3 upload reader. The handlers take their services by constructor,
/// so tests compose the same handlers over in-memory stores and fakes instead.
/// </summary>
public static class AwsTriggerHost
{
    /// <summary>Builds and validates the services (a bad setting fails here, at cold start, naming the setting).</summary>
    /// <param name="environment">The environment variables.</param>
    /// <returns>The services.</returns>
    public static ServiceProvider Build(IDictionary environment)
    {
        var configuration = EnvironmentConfiguration.Build(environment);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging
            .AddProvider(new StdoutLoggerProvider())
            .SetMinimumLevel(Enum.TryParse<LogLevel>(environment["LOG_LEVEL"] as string, out var level) ? level : LogLevel.Information));

        services.AddFaceVerification()
            .UseDynamoDb()
            .UseS3()
            .UseRekognition();
        services.AddCognitoTriggers();
        // The upload bucket is read with FaceVerify's own S3 client (same region, retries and timeouts as the frame store).
        services.AddSingleton<IUploadStore>(sp => new S3UploadStore(sp.GetRequiredKeyedService<IAmazonS3>(FaceVerifyAwsServiceKeys.Client)));

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        StartupValidation.Run(provider);
        return provider;
    }
}
