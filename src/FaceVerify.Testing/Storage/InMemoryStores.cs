namespace FaceVerify.Testing;

/// <summary>
/// Public factories for FaceVerify's own in-memory stores (the ones <c>UseInMemoryStores()</c> registers), for tests
/// that use a store directly or decorate one.
/// </summary>
public static class InMemoryStores
{
    /// <summary>A new, empty in-memory <see cref="IAttemptStore"/>; items expire when their retention time passes on <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock. Default: <see cref="TimeProvider.System"/>.</param>
    /// <returns>The store.</returns>
    public static IAttemptStore CreateAttemptStore(TimeProvider? timeProvider = null) => new InMemoryAttemptStore(timeProvider ?? TimeProvider.System);

    /// <summary>A new, empty in-memory <see cref="IFrameStore"/>; objects expire when their retention time passes on <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock. Default: <see cref="TimeProvider.System"/>.</param>
    /// <returns>The store.</returns>
    public static IFrameStore CreateFrameStore(TimeProvider? timeProvider = null) => new InMemoryFrameStore(timeProvider ?? TimeProvider.System);
}
