using Amazon.DynamoDBv2;
using Amazon.Extensions.NETCore.Setup;
using Amazon.S3;
using FaceVerify;
using FaceVerify.Aws;
using FaceVerify.Aws.DynamoDb;
using FaceVerify.Aws.Rekognition;
using FaceVerify.Aws.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers the AWS adapters of FaceVerify. Each call replaces earlier registrations of the same FaceVerify services
/// (e.g. <c>UseInMemoryStores()</c>), binds its options from configuration (<c>FaceVerify:Rekognition</c>,
/// <c>FaceVerify:DynamoDb</c>, <c>FaceVerify:S3</c>; an <c>IConfiguration</c> must be registered, as every host does),
/// takes region, endpoint and credentials the section leaves empty from the application's <see cref="AWSOptions"/>
/// (<c>AddDefaultAWSOptions()</c>, else the standard <c>AWS</c> section), <c>AWS_REGION</c> and the AWS profile,
/// applies <c>configure</c> after binding, and validates the options at start-up with messages that name the setting.
/// </summary>
public static class AwsFaceVerificationBuilderExtensions
{
    /// <summary>Uses Amazon Rekognition as <see cref="IFaceAnalyzer"/>, <see cref="IFaceComparer"/> and <see cref="IFaceCollection"/>.</summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="configure">Adjusts the options after they are bound from <c>FaceVerify:Rekognition</c>.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseRekognition(this IFaceVerificationBuilder builder, Action<RekognitionOptions>? configure = null)
    {
        var services = AddAdapterOptions<RekognitionOptions, RekognitionOptionsValidator>(builder, RekognitionOptions.SectionName, configure);
        services.AddHttpClient(RekognitionClient.HttpClientName);

        // One retry layer: the adapter's pipeline (RekognitionResilience) retries Rekognition calls, so the core's
        // analysis pipeline does not; its AnalysisTimeout stays as the overall deadline of one analysis.
        RekognitionResilience.Register(services);
        // A value the application chose is refused at start-up (RekognitionRetryOwnerValidator), never silently replaced.
        services.PostConfigure<FaceVerificationOptions>(o => o.AnalysisMaxRetries = 0);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FaceVerificationOptions>, RekognitionTimeoutsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FaceVerificationOptions>, RekognitionRetryOwnerValidator>());
        services.TryAddSingleton<RekognitionClient>();
        services.TryAddSingleton(sp => new RekognitionFaceAnalyzer(sp.GetRequiredService<RekognitionClient>()));
        services.TryAddSingleton(sp => new RekognitionFaceComparer(sp.GetRequiredService<RekognitionClient>()));
        services.TryAddSingleton(sp => new RekognitionFaceCollection(sp.GetRequiredService<RekognitionClient>()));
        Replace<IFaceAnalyzer>(services, sp => sp.GetRequiredService<RekognitionFaceAnalyzer>());
        Replace<IFaceComparer>(services, sp => sp.GetRequiredService<RekognitionFaceComparer>());
        Replace<IFaceCollection>(services, sp => sp.GetRequiredService<RekognitionFaceCollection>());
        return builder;
    }

    /// <summary>Uses a DynamoDB table as the <see cref="IAttemptStore"/>.</summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="configure">Adjusts the options after they are bound from <c>FaceVerify:DynamoDb</c>.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseDynamoDb(this IFaceVerificationBuilder builder, Action<DynamoDbOptions>? configure = null)
    {
        var services = AddAdapterOptions<DynamoDbOptions, DynamoDbOptionsValidator>(builder, DynamoDbOptions.SectionName, configure);
        services.TryAddKeyedSingleton<IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client, (sp, _) => AwsClients.CreateDynamoDb(sp.GetRequiredService<IOptions<DynamoDbOptions>>().Value, sp.GetRequiredService<AwsDefaults>()));
        services.TryAddSingleton(sp => new DynamoDbAttemptStore(
            sp.GetRequiredKeyedService<IAmazonDynamoDB>(FaceVerifyAwsServiceKeys.Client),
            sp.GetRequiredService<IOptions<DynamoDbOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<DynamoDbAttemptStore>>() ?? Logging.Abstractions.NullLogger<DynamoDbAttemptStore>.Instance));
        Replace<IAttemptStore>(services, sp => sp.GetRequiredService<DynamoDbAttemptStore>());
        return builder;
    }

    /// <summary>Uses an S3 bucket as the <see cref="IFrameStore"/>.</summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="configure">Adjusts the options after they are bound from <c>FaceVerify:S3</c>.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseS3(this IFaceVerificationBuilder builder, Action<S3Options>? configure = null)
    {
        var services = AddAdapterOptions<S3Options, S3OptionsValidator>(builder, S3Options.SectionName, configure);
        services.TryAddKeyedSingleton<IAmazonS3>(FaceVerifyAwsServiceKeys.Client, (sp, _) => AwsClients.CreateS3(sp.GetRequiredService<IOptions<S3Options>>().Value, sp.GetRequiredService<AwsDefaults>()));
        services.TryAddSingleton(sp => new S3FrameStore(
            sp.GetRequiredKeyedService<IAmazonS3>(FaceVerifyAwsServiceKeys.Client),
            sp.GetRequiredService<IOptions<S3Options>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<S3FrameStore>>() ?? Logging.Abstractions.NullLogger<S3FrameStore>.Instance));
        Replace<IFrameStore>(services, sp => sp.GetRequiredService<S3FrameStore>());
        services.TryAddSingleton(sp => new S3LifecycleCheck(
            sp.GetRequiredKeyedService<IAmazonS3>(FaceVerifyAwsServiceKeys.Client),
            sp.GetRequiredService<IOptions<S3Options>>(),
            sp.GetRequiredService<IOptions<FaceVerificationOptions>>(),
            sp.GetService<ILogger<S3LifecycleCheck>>() ?? Logging.Abstractions.NullLogger<S3LifecycleCheck>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, S3LifecycleStartup>());
        return builder;
    }

    /// <summary>
    /// What every adapter registers first: its options (bound from <paramref name="sectionName"/>, then
    /// <paramref name="configure"/>, validated at start-up by the data annotations and <typeparamref name="TValidator"/>),
    /// the fallbacks of all three adapters (the application's <see cref="AWSOptions"/> when registered,
    /// <c>AddDefaultAWSOptions()</c>, else the standard <c>AWS</c> configuration section, then the environment) and the clock.
    /// </summary>
    private static IServiceCollection AddAdapterOptions<TOptions, TValidator>(IFaceVerificationBuilder builder, string sectionName, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        ValidatedOptions.Add(services, sectionName, configure);
        services.TryAddSingleton(sp => AwsDefaults.FromServices(sp, Environment.GetEnvironmentVariable));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    private static void Replace<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        services.RemoveAll<TService>();
        services.AddSingleton(factory);
    }
}
