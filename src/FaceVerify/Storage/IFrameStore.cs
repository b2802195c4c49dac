namespace FaceVerify;

/// <summary>
/// Frame and reference-image bytes, by key (see <see cref="FrameKeys"/>). Implementations: in-memory, file system,
/// S3. Every object carries a retention time; stores that cannot expire objects themselves document the lifecycle
/// rule that must match it.
/// </summary>
public interface IFrameStore
{
    /// <summary>Stores an object, replacing any object with the same key.</summary>
    /// <param name="key">The key.</param>
    /// <param name="content">The bytes.</param>
    /// <param name="contentType">The MIME type.</param>
    /// <param name="retainUntil">When the object may be deleted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the object is durably stored.</returns>
    ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken);

    /// <summary>Reads an object.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes, or <see langword="null"/> when there is no such object.</returns>
    ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when deleted.</returns>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>.</summary>
    /// <param name="prefix">A key prefix ending in <c>/</c>, from <see cref="FrameKeys"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many objects were deleted.</returns>
    ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken);
}
