using System.Collections.Concurrent;
using FaceVerify.CognitoTriggers.Enrolment;

namespace FaceVerify.CognitoTriggers.Tests.Infrastructure;

/// <summary>An in-memory bucket of uploads.</summary>
internal sealed class InMemoryUploadStore : IUploadStore
{
    private readonly ConcurrentDictionary<(string Bucket, string Key), byte[]> _objects = new();

    public List<string> Reads { get; } = [];

    public void Put(string bucket, string key, byte[] bytes) => _objects[(bucket, key)] = bytes;

    public bool Contains(string bucket, string key) => _objects.ContainsKey((bucket, key));

    public Task<byte[]?> GetAsync(string bucket, string key, int maxBytes, CancellationToken cancellationToken)
    {
        Reads.Add(key);
        if (!_objects.TryGetValue((bucket, key), out var bytes))
        {
            return Task.FromResult<byte[]?>(null);
        }

        return bytes.Length > maxBytes ? throw new UploadTooLargeException("too large") : Task.FromResult<byte[]?>(bytes);
    }

    public Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
    {
        _objects.TryRemove((bucket, key), out _);
        return Task.CompletedTask;
    }
}
