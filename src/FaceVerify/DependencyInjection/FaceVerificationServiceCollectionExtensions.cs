using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using FaceVerify;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FaceVerify.</summary>
public static class FaceVerificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers FaceVerify's core services: the session service, the built-in challenges (<c>nose</c>, <c>pose</c>),
    /// tokens, options bound from the <c>"FaceVerify"</c> configuration section (when an <c>IConfiguration</c> is
    /// registered) and validated at start-up. Idempotent. Chain an analyzer and stores from the returned builder,
    /// e.g. <c>.UseInMemoryStores()</c> or <c>.UseDynamoDb()</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional code configuration, applied after configuration binding.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder AddFaceVerification(this IServiceCollection services, Action<FaceVerificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var builder = new FaceVerificationBuilder(services);
        if (services.Any(d => d.ServiceType == typeof(FaceVerificationMarker)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return builder;
        }

        ConfigurationSectionOptions<FaceVerificationOptions>.Register(services, FaceVerificationOptions.SectionName);
        var options = services.AddOptions<FaceVerificationOptions>()
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<FaceVerificationMarker>();
        // The real logging infrastructure, idempotent like every AddLogging() call: logs reach the providers the
        // application adds, whether it calls AddLogging() before or after this method. (A NullLoggerFactory registered
        // here once won the TryAdd race against a later AddLogging() and silenced every log.)
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => RandomNumberGenerator.Create());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FaceVerificationOptions>, FaceVerificationOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FaceVerificationOptions>, PoseChallengeCapabilityValidator>());

        ConfigurationSectionOptions<TokenOptions>.Register(services, TokenOptions.SectionName);
        services.AddOptions<TokenOptions>()
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenOptions>, TokenOptionsValidator>());
        services.TryAddSingleton<IFaceVerificationTokens, JwtFaceVerificationTokens>();

        services.TryAddSingleton<ChallengeRegistry>();
        services.TryAddSingleton<AnalysisGate>();
        AnalysisResilience.Register(services);
        services.TryAddSingleton(sp => InstrumentedStores.Create<FrameAnalysisCoordinator>(sp, withFrames: true));
        services.TryAddSingleton<PassedSessionChecks>();
        services.TryAddSingleton<IChallengeSessionService>(sp => InstrumentedStores.Create<ChallengeSessionService>(sp, withFrames: true));
        services.TryAddSingleton<IFaceCollection, NotConfiguredFaceCollection>();
        services.TryAddSingleton<IFaceEnrolmentService>(sp => new InstrumentedFaceEnrolmentService(InstrumentedStores.Create<FaceEnrolmentService>(sp, withFrames: true), sp.GetRequiredService<FaceVerifyMetrics>()));
        services.TryAddSingleton<IFaceLoginService>(sp => new InstrumentedFaceLoginService(
            ActivatorUtilities.CreateInstance<LimitedFaceLoginService>(sp, InstrumentedStores.Create<FaceLoginService>(sp, withFrames: true), sp.GetRequiredService<InstrumentedStores>().Attempts),
            sp.GetRequiredService<FaceVerifyMetrics>()));
        OperationsRegistration.Register(services);

        ConfigurationSectionOptions<NoseChallengeOptions>.Register(services, FaceVerificationOptions.SectionName + ":Nose");
        ConfigurationSectionOptions<PoseChallengeOptions>.Register(services, FaceVerificationOptions.SectionName + ":Pose");
        services.AddOptions<NoseChallengeOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PoseChallengeOptions>().ValidateDataAnnotations().ValidateOnStart();
        builder.AddChallenge<NoseTargetChallenge>();
        builder.AddChallenge<PoseChallenge>();
        return builder;
    }

    /// <summary>Registers a challenge type (idempotent per implementation type).</summary>
    /// <typeparam name="TChallenge">The challenge implementation; resolved from DI, so its constructor may take options and services.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder AddChallenge<TChallenge>(this IFaceVerificationBuilder builder)
        where TChallenge : class, IChallenge
        => Register(builder, ServiceDescriptor.Singleton<IChallenge, TChallenge>(), replace: false);

    /// <summary>Removes every registered challenge (including the built-in ones), so that only challenges added afterwards are used.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder ClearChallenges(this IFaceVerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IChallenge>();
        return builder;
    }

    /// <summary>Uses <typeparamref name="TAnalyzer"/> as the face analyzer (replacing any earlier one).</summary>
    /// <typeparam name="TAnalyzer">The analyzer implementation.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseFaceAnalyzer<TAnalyzer>(this IFaceVerificationBuilder builder)
        where TAnalyzer : class, IFaceAnalyzer
        => Register(builder, ServiceDescriptor.Singleton<IFaceAnalyzer, TAnalyzer>(), replace: true);

    /// <summary>Uses <paramref name="analyzer"/> as the face analyzer (replacing any earlier one).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="analyzer">The analyzer instance.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseFaceAnalyzer(this IFaceVerificationBuilder builder, IFaceAnalyzer analyzer)
        => ReplaceSingleton(builder, analyzer);

    /// <summary>Adds a presentation-attack detector; every registered detector can veto a passed session (<see cref="ChallengeReason.SpoofSuspected"/>).</summary>
    /// <typeparam name="TDetector">The detector implementation.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder AddPresentationAttackDetector<TDetector>(this IFaceVerificationBuilder builder)
        where TDetector : class, IPresentationAttackDetector
        => Register(builder, ServiceDescriptor.Singleton<IPresentationAttackDetector, TDetector>(), replace: false);

    /// <summary>Adds an application approval for replacing a user's reference face (a step-up besides a fresh face login), e.g. an e-mailed code.</summary>
    /// <typeparam name="TApproval">The approval implementation.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder AddEnrolmentApproval<TApproval>(this IFaceVerificationBuilder builder)
        where TApproval : class, IEnrolmentApproval
        => Register(builder, ServiceDescriptor.Singleton<IEnrolmentApproval, TApproval>(), replace: false);

    /// <summary>Adds an observer told of every enrolment, replacement and deletion of a reference face (e.g. to notify the user).</summary>
    /// <typeparam name="TObserver">The observer implementation.</typeparam>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder AddEnrolmentObserver<TObserver>(this IFaceVerificationBuilder builder)
        where TObserver : class, IEnrolmentObserver
        => Register(builder, ServiceDescriptor.Singleton<IEnrolmentObserver, TObserver>(), replace: false);

    /// <summary>Uses <paramref name="collection"/> as the face collection for enrolment and face login (replacing any earlier one).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="collection">The collection instance.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseFaceCollection(this IFaceVerificationBuilder builder, IFaceCollection collection)
        => ReplaceSingleton(builder, collection);

    /// <summary>Uses <paramref name="comparer"/> as the face comparer (replacing any earlier one).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="comparer">The comparer instance.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder UseFaceComparer(this IFaceVerificationBuilder builder, IFaceComparer comparer)
        => ReplaceSingleton(builder, comparer);

    // Every builder method registers one singleton: beside the others of its service (once per implementation), or in
    // place of any earlier one.
    private static IFaceVerificationBuilder Register(IFaceVerificationBuilder builder, ServiceDescriptor descriptor, bool replace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (replace)
        {
            builder.Services.Replace(descriptor);
        }
        else
        {
            builder.Services.TryAddEnumerable(descriptor);
        }

        return builder;
    }

    private static IFaceVerificationBuilder ReplaceSingleton<TService>(
        IFaceVerificationBuilder builder,
        TService instance,
        [CallerArgumentExpression(nameof(instance))] string? parameterName = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(instance, parameterName);
        return Register(builder, ServiceDescriptor.Singleton(instance), replace: true);
    }

    private sealed class FaceVerificationBuilder(IServiceCollection services) : IFaceVerificationBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    private sealed class FaceVerificationMarker;
}
