using FaceVerify;
using FaceVerify.Aws;
using FaceVerify.Aws.Rekognition;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the local engine's passive presentation-attack detector.</summary>
public static class LocalEnginePresentationAttackExtensions
{
    /// <summary>
    /// Adds <see cref="LocalEnginePresentationAttackDetector"/> (the FaceVerify local engine's antispoof and liveness
    /// models) as a presentation-attack detector, with options bound from <c>FaceVerify:PresentationAttack</c>.
    /// Requires <c>UseRekognition()</c> with the local engine's endpoint (Amazon Rekognition has no such operation).
    /// </summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="configure">Adjusts the options after binding.</param>
    /// <returns>The builder.</returns>
    public static IFaceVerificationBuilder AddLocalEnginePresentationAttackDetector(this IFaceVerificationBuilder builder, Action<LocalEnginePresentationAttackOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ValidatedOptions.Add(builder.Services, LocalEnginePresentationAttackOptions.SectionName, configure);

        builder.Services.TryAddSingleton(sp => new LocalEnginePresentationAttackDetector(
            sp.GetService<RekognitionClient>() ?? throw new InvalidOperationException("AddLocalEnginePresentationAttackDetector() needs UseRekognition() pointed at the FaceVerify local engine."),
            sp.GetRequiredService<IOptions<LocalEnginePresentationAttackOptions>>().Value));
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IPresentationAttackDetector, LocalEnginePresentationAttackDetector>(sp => sp.GetRequiredService<LocalEnginePresentationAttackDetector>()));
        return builder;
    }
}
