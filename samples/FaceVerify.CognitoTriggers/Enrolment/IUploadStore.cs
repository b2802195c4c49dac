namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>Reads and deletes enrolment uploads (S3 in production; in memory in tests).</summary>
public interface IUploadStore
{
    /// <summary>Reads an object, refusing to read more than <paramref name="maxBytes"/>.</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key (decoded).</param>
    /// <param name="maxBytes">The largest object read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The bytes; <see langword="null"/> when the object is missing; an empty array never.</returns>
    /// <exception cref="UploadTooLargeException">The object is larger than <paramref name="maxBytes"/>.</exception>
    Task<byte[]?> GetAsync(string bucket, string key, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Deletes an object (no error when it is gone).</summary>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The key (decoded).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken);
}
