using NUnit.Framework;

namespace FaceVerify.Testing;

/// <summary>
/// The life cycle the store contract fixtures share: a fresh store from <see cref="CreateStoreAsync"/> before each test,
/// released by <see cref="DisposeStoreAsync"/> after it. Inherit <see cref="AttemptStoreContractTests"/> or
/// <see cref="FrameStoreContractTests"/>, not this class.
/// </summary>
/// <typeparam name="TStore">The store abstraction under test.</typeparam>
public abstract class StoreContractTests<TStore>
    where TStore : class
{
    private TStore? _store;

    /// <summary>The store under test, created by <see cref="CreateStoreAsync"/> before each test.</summary>
    protected TStore Store => _store ?? throw new InvalidOperationException("The store is created in SetUp.");

    /// <summary>The clock the tests take "now" from (and compute retention times from). Default: <see cref="TimeProvider.System"/>.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    /// <summary>Creates the store under test: empty, or shared but safe for the random ids the tests use.</summary>
    /// <returns>The store.</returns>
    protected abstract ValueTask<TStore> CreateStoreAsync();

    /// <summary>Releases what <see cref="CreateStoreAsync"/> created. Default: nothing.</summary>
    /// <returns>A task that completes when released.</returns>
    protected virtual ValueTask DisposeStoreAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Runs <paramref name="call"/> <paramref name="count"/> times at once on the thread pool (with the index 0 to
    /// <paramref name="count"/> − 1) and returns the results in index order: the arrange step of every race test.
    /// </summary>
    private protected static Task<T[]> ConcurrentlyAsync<T>(int count, Func<int, ValueTask<T>> call)
        => Task.WhenAll(Enumerable.Range(0, count).Select(i => Task.Run(async () => await call(i).ConfigureAwait(false))));

    /// <summary>Creates the store before each test.</summary>
    /// <returns>A task that completes when the store exists.</returns>
    [SetUp]
    public async Task CreateStoreBeforeTestAsync() => _store = await CreateStoreAsync().ConfigureAwait(false);

    /// <summary>Releases the store after each test.</summary>
    /// <returns>A task that completes when released.</returns>
    [TearDown]
    public async Task DisposeStoreAfterTestAsync()
    {
        await DisposeStoreAsync().ConfigureAwait(false);
        _store = null;
    }
}
