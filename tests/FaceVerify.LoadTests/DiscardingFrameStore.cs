namespace FaceVerify.LoadTests;

/// <summary>
/// The upload phase's frame store: it accepts every frame and keeps none, as if the bytes went to S3 at no latency. With
/// the in-memory frame store every uploaded frame stays in the managed heap for the retention period (24 h by default),
/// so a throughput run of tens of thousands of 20 KB frames measures the garbage collector on a growing heap, not the
/// request path. Only for the upload phase: nothing reads frames back there.
/// </summary>
internal sealed class DiscardingFrameStore : IFrameStore
{
    private long _puts;
    private long _bytes;

    public long Puts => Interlocked.Read(ref _puts);

    public long Bytes => Interlocked.Read(ref _bytes);

    public ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _puts);
        Interlocked.Add(ref _bytes, content.Length);
        return ValueTask.CompletedTask;
    }

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);

    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken) => ValueTask.FromResult(0);
}
