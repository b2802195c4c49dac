namespace FaceVerify;

/// <summary>An <see cref="IFrameStore"/> decorator that times every call (<c>faceverify.store.call.duration</c>, store <c>frame</c>).</summary>
internal sealed class InstrumentedFrameStore(IFrameStore inner, FaceVerifyMetrics metrics) : IFrameStore
{
    private const string Store = "frame";

    public ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "Put", () => inner.PutAsync(key, content, contentType, retainUntil, cancellationToken));

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "Get", () => inner.GetAsync(key, cancellationToken));

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "Delete", () => inner.DeleteAsync(key, cancellationToken));

    public ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
        => StoreCall.RunAsync(metrics, Store, "DeletePrefix", () => inner.DeletePrefixAsync(prefix, cancellationToken));
}
