using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>The <see cref="IUploadStore"/> over Amazon S3.</summary>
public sealed class S3UploadStore(IAmazonS3 s3) : IUploadStore
{
    /// <inheritdoc />
    public async Task<byte[]?> GetAsync(string bucket, string key, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
            if (response.ContentLength > maxBytes)
            {
                throw new UploadTooLargeException($"The upload is {response.ContentLength} bytes; at most {maxBytes} are read.");
            }

            using var buffer = new MemoryStream((int)Math.Max(response.ContentLength, 0));
            var chunk = new byte[81920];
            int read;
            while ((read = await response.ResponseStream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new UploadTooLargeException($"The upload is larger than {maxBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.Length == 0 ? null : buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string bucket, string key, CancellationToken cancellationToken)
        => await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, cancellationToken).ConfigureAwait(false);
}
