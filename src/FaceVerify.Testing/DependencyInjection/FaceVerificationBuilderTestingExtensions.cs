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
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IAttemptStore>();
        services.RemoveAll<IFrameStore>();
        services.RemoveAll<RecordingAttemptStore>();
        services.RemoveAll<RecordingFrameStore>();
        services.AddSingleton(sp => RecordingAttemptStore.InMemory(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => RecordingFrameStore.InMemory(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IAttemptStore>(sp => sp.GetRequiredService<RecordingAttemptStore>());
        services.AddSingleton<IFrameStore>(sp => sp.GetRequiredService<RecordingFrameStore>());
        return builder;
    }
}
