using System.Collections.Concurrent;

namespace FaceVerify;

/// <summary>
/// An <see cref="IFrameStore"/> in process memory, for tests and single-process hosts. Bytes are copied on the way in
/// and out, so neither the caller's buffer nor a returned array can change a stored object. Objects past their
/// <c>retainUntil</c> are invisible from that moment on and removed lazily (on access, and by a sweep at most once
/// per minute of <see cref="TimeProvider"/> time).
/// </summary>
/// <remarks>
/// <c>UseInMemoryStores()</c> registers one. It is public for tests that use or decorate a store directly (for example
/// with FaceVerify.Testing's <c>RecordingFrameStore</c>); nothing is persisted, so a production host with more than one
/// process needs a durable store (S3 in FaceVerify.Aws, <c>FileFrameStore</c>, or your own).
/// </remarks>
public sealed class InMemoryFrameStore : IFrameStore
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private long _nextSweepTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>Creates an empty store whose items expire by <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The clock retention and expiry times are compared with (<see cref="TimeProvider.System"/> outside tests).</param>
    public InMemoryFrameStore(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>The number of objects held, expired ones included until swept (for tests).</summary>
    internal int CountIncludingExpired => _objects.Count;

    /// <inheritdoc />
    public ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        cancellationToken.ThrowIfCancellationRequested();
        Sweep();
        _objects[key] = new StoredObject(content.ToArray(), contentType, retainUntil);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        var now = Sweep();
        if (!_objects.TryGetValue(key, out var stored))
        {
            return ValueTask.FromResult<byte[]?>(null);
        }

        if (stored.RetainUntil <= now)
        {
            // Remove only this expired object, not a newer one that a concurrent put stored under the same key.
            _objects.TryRemove(new KeyValuePair<string, StoredObject>(key, stored));
            return ValueTask.FromResult<byte[]?>(null);
        }

        return ValueTask.FromResult<byte[]?>(stored.Content.ToArray());
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        cancellationToken.ThrowIfCancellationRequested();
        _objects.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException($"A prefix ends in '/' (see {nameof(FrameKeys)}), so that it cannot match a sibling key; got '{prefix}'.", nameof(prefix));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var now = Sweep();
        var deleted = 0;
        foreach (var pair in _objects)
        {
            if (pair.Key.StartsWith(prefix, StringComparison.Ordinal) && _objects.TryRemove(pair) && pair.Value.RetainUntil > now)
            {
                deleted++;
            }
        }

        return ValueTask.FromResult(deleted);
    }

    private DateTimeOffset Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, due) != due)
        {
            return now;
        }

        foreach (var pair in _objects)
        {
            if (pair.Value.RetainUntil <= now)
            {
                _objects.TryRemove(pair);
            }
        }

        return now;
    }

    private sealed record StoredObject(byte[] Content, string ContentType, DateTimeOffset RetainUntil);
}
