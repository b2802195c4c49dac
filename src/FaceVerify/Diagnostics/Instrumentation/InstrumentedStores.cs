using Microsoft.Extensions.DependencyInjection;

namespace FaceVerify;

/// <summary>
/// The registered stores wrapped once per service provider in their timing decorators, handed to FaceVerify's own
/// services at construction (the registrations stay replaceable: <c>UseDynamoDb()</c> and friends replace the inner
/// store, and whatever is registered last is what gets wrapped).
/// </summary>
internal sealed class InstrumentedStores(IServiceProvider services, FaceVerifyMetrics metrics)
{
    private IAttemptStore? _attempts;
    private IFrameStore? _frames;

    public IAttemptStore Attempts => _attempts ??= new InstrumentedAttemptStore(services.GetRequiredService<IAttemptStore>(), metrics);

    public IFrameStore Frames => _frames ??= new InstrumentedFrameStore(services.GetRequiredService<IFrameStore>(), metrics);

    /// <summary>Creates <typeparamref name="T"/> with the instrumented attempt store (and frame store when <paramref name="withFrames"/>); other parameters come from DI.</summary>
    public static T Create<T>(IServiceProvider services, bool withFrames)
    {
        var stores = services.GetRequiredService<InstrumentedStores>();
        return withFrames
            ? ActivatorUtilities.CreateInstance<T>(services, stores.Attempts, stores.Frames)
            : ActivatorUtilities.CreateInstance<T>(services, stores.Attempts);
    }
}
