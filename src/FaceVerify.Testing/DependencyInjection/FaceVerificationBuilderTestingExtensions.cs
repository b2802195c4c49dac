using FaceVerify;
using FaceVerify.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers FaceVerify.Testing doubles: <c>.UseRecordingInMemoryStores()</c>.</summary>
public static class FaceVerificationBuilderTestingExtensions
{
    /// <summary>
    /// Like <c>UseInMemoryStores()</c>, but the stores record their calls: registers one
    /// <see cref="RecordingAttemptStore"/> and one <see cref="RecordingFrameStore"/> (over new in-memory stores on the
    /// registered <see cref="TimeProvider"/>) as singletons, both as themselves and as <see cref="IAttemptStore"/> /
    /// <see cref="IFrameStore"/>, replacing any store registered before. Resolve <see cref="RecordingAttemptStore"/> to
    /// read the calls.
    /// </summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IFaceVerificationBuilder UseRecordingInMemoryStores(this IFaceVerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder
            .UseAttemptStore(sp => RecordingAttemptStore.InMemory(sp.GetRequiredService<TimeProvider>()))
            .UseFrameStore(sp => RecordingFrameStore.InMemory(sp.GetRequiredService<TimeProvider>()));
    }
}
