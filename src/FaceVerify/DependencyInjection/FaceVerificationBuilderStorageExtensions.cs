using FaceVerify;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses where FaceVerify keeps its state: <c>.UseInMemoryStores()</c>, <c>.UseFileFrameStore(path)</c>.</summary>
public static class FaceVerificationBuilderStorageExtensions
{
    /// <summary>
    /// Keeps sessions, frames, analyses, counters and tokens in process memory (an <see cref="IAttemptStore"/> and an
    /// <see cref="IFrameStore"/>, both singletons), replacing any store registered before. For tests, development and
    /// single-process hosts: the data is lost on restart and not shared between instances. Items are dropped when their
    /// <c>RetainUntil</c> passes, measured by the registered <see cref="TimeProvider"/> (default: the system clock).
    /// </summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IFaceVerificationBuilder UseInMemoryStores(this IFaceVerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder
            .UseAttemptStore<IAttemptStore>(sp => new InMemoryAttemptStore(sp.GetRequiredService<TimeProvider>()))
            .UseFrameStore<IFrameStore>(sp => new InMemoryFrameStore(sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>
    /// Uses the attempt store that <paramref name="factory"/> creates (a custom store, a decorator, a test double): one
    /// singleton, resolvable as <see cref="IAttemptStore"/> and as <typeparamref name="TStore"/>, replacing any attempt
    /// store registered before.
    /// </summary>
    /// <typeparam name="TStore">The store type, also registered as itself (unless it is <see cref="IAttemptStore"/>).</typeparam>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="factory">Creates the store, once, from the application's services.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IFaceVerificationBuilder UseAttemptStore<TStore>(this IFaceVerificationBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IAttemptStore
        => UseStore<IAttemptStore, TStore>(builder, factory);

    /// <summary>
    /// Uses the frame store that <paramref name="factory"/> creates (a custom store, a decorator, a test double): one
    /// singleton, resolvable as <see cref="IFrameStore"/> and as <typeparamref name="TStore"/>, replacing any frame store
    /// registered before.
    /// </summary>
    /// <typeparam name="TStore">The store type, also registered as itself (unless it is <see cref="IFrameStore"/>).</typeparam>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="factory">Creates the store, once, from the application's services.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IFaceVerificationBuilder UseFrameStore<TStore>(this IFaceVerificationBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IFrameStore
        => UseStore<IFrameStore, TStore>(builder, factory);

    /// <summary>
    /// Keeps frame and reference-image bytes as files under <paramref name="path"/> (created when missing), replacing
    /// any <see cref="IFrameStore"/> registered before. Writes are atomic (temporary file, then rename); keys are
    /// checked against path traversal; a file's last-write time holds its retention time, and expired files are
    /// deleted when read and by a periodic sweep. See <c>docs/storage.md</c>.
    /// </summary>
    /// <param name="builder">The FaceVerify builder.</param>
    /// <param name="path">The root directory; relative paths are resolved against the current directory.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IFaceVerificationBuilder UseFileFrameStore(this IFaceVerificationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = Path.GetFullPath(path);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<IFrameStore>();
        services.AddSingleton<IFrameStore>(sp => new FileFrameStore(root, sp.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static IFaceVerificationBuilder UseStore<TService, TStore>(IFaceVerificationBuilder builder, Func<IServiceProvider, TStore> factory)
        where TService : class
        where TStore : class, TService
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        var services = builder.Services;
        services.RemoveAll<TService>();
        if (typeof(TStore) == typeof(TService))
        {
            services.AddSingleton<TService>(factory);
            return builder;
        }

        services.RemoveAll<TStore>();
        services.AddSingleton(factory);
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TStore>());
        return builder;
    }
}
