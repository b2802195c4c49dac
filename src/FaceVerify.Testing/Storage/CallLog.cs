using System.Collections.Concurrent;

namespace FaceVerify.Testing;

/// <summary>The thread-safe, ordered call log shared by the recording stores.</summary>
internal sealed class CallLog
{
    private readonly ConcurrentQueue<StoreCall> _calls = new();

    public IReadOnlyList<StoreCall> Snapshot() => [.. _calls];

    public void Clear() => _calls.Clear();

    public int Count(string operation) => _calls.Count(c => string.Equals(c.Operation, operation, StringComparison.Ordinal));

    public async ValueTask<T> RecordAsync<T>(string operation, string key, ValueTask<T> call, Func<T, string?> render)
    {
        try
        {
            var result = await call.ConfigureAwait(false);
            _calls.Enqueue(new StoreCall(operation, key, render(result)));
            return result;
        }
        catch
        {
            _calls.Enqueue(new StoreCall(operation, key, null));
            throw;
        }
    }

    public async ValueTask RecordAsync(string operation, string key, ValueTask call)
    {
        try
        {
            await call.ConfigureAwait(false);
        }
        finally
        {
            _calls.Enqueue(new StoreCall(operation, key, null));
        }
    }
}
