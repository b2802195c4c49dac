namespace FaceVerify.Testing;

/// <summary>
/// An <see cref="IFrameStore"/> decorator that records every call (operation, key, result), so a test can assert
/// which objects were written and deleted: <c>store.CallsTo("Put")</c>, <c>store.Calls</c>. Wrap any store, or use
/// <see cref="InMemory"/>. Register one with <c>.UseRecordingInMemoryStores()</c>.
/// </summary>
public sealed class RecordingFrameStore : IFrameStore
{
    private readonly IFrameStore _inner;
    private readonly CallLog _log = new();

    /// <summary>Records the calls made to <paramref name="inner"/>.</summary>
    /// <param name="inner">The store that answers.</param>
    public RecordingFrameStore(IFrameStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>The store that answers.</summary>
    public IFrameStore Inner => _inner;

    /// <summary>Every call so far, in completion order.</summary>
    public IReadOnlyList<StoreCall> Calls => _log.Snapshot();

    /// <summary>A recording store over a new in-memory store.</summary>
    /// <param name="timeProvider">The in-memory store's clock. Default: <see cref="TimeProvider.System"/>.</param>
    /// <returns>The store.</returns>
    public static RecordingFrameStore InMemory(TimeProvider? timeProvider = null) => new(new InMemoryFrameStore(timeProvider ?? TimeProvider.System));

    /// <summary>How many calls were made to one operation.</summary>
    /// <param name="operation">The method name without <c>Async</c>: <c>"Put"</c>, <c>"Get"</c>, <c>"Delete"</c> or <c>"DeletePrefix"</c>.</param>
    /// <returns>The count.</returns>
    public int CallsTo(string operation) => _log.Count(operation);

    /// <summary>Forgets the calls recorded so far.</summary>
    public void ClearCalls() => _log.Clear();

    /// <inheritdoc />
    public ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
        => _log.RecordAsync("Put", key, _inner.PutAsync(key, content, contentType, retainUntil, cancellationToken));

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        => _log.RecordAsync("Get", key, _inner.GetAsync(key, cancellationToken), b => b is null ? "null" : $"{b.Length} byte(s)");

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
        => _log.RecordAsync("Delete", key, _inner.DeleteAsync(key, cancellationToken));

    /// <inheritdoc />
    public ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
        => _log.RecordAsync("DeletePrefix", prefix, _inner.DeletePrefixAsync(prefix, cancellationToken), n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
