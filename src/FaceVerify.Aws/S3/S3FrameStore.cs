using System.Globalization;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.Aws.S3;

/// <summary>
/// <see cref="IFrameStore"/> on an S3 bucket, with the key layout of <see cref="FrameKeys"/>. Objects are written with
/// their content type, server-side encryption (SSE-S3 by default, SSE-KMS by option), the expected bucket owner when
/// configured, and their retention time as metadata <c>x-amz-meta-retain-until</c>; the bucket's lifecycle rules
/// (docs/aws.md, checked or created at start-up by <see cref="S3Options.LifecycleRules"/>) delete them, since S3 cannot
/// expire single objects at a given time. Until then, an object past its retention reads as absent.
/// </summary>
public sealed partial class S3FrameStore : IFrameStore
{
    private static readonly AwsServiceFaults Faults = new(
        "S3 {0} in bucket '{1}'",
        ("NoSuchBucket", "The bucket '{1}' does not exist: create it (docs/aws.md) or fix FaceVerify:S3:BucketName / Region."),
        ("AccessDenied", "Grant the S3 actions on bucket '{1}' in the IAM policy, and check FaceVerify:S3:ExpectedBucketOwner and the KMS key policy (docs/aws.md)."));

    private readonly IAmazonS3 _s3;
    private readonly S3Options _options;
    private readonly string _bucket;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the store on the system clock.</summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger.</param>
    public S3FrameStore(IAmazonS3 s3, IOptions<S3Options> options, ILogger<S3FrameStore> logger)
        : this(s3, options, TimeProvider.System, logger)
    {
    }

    /// <summary>Creates the store.</summary>
    /// <param name="s3">The S3 client.</param>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock that decides whether an object is past its retention (<c>x-amz-meta-retain-until</c>): such objects read as absent before the lifecycle rule deletes them.</param>
    /// <param name="logger">The logger.</param>
    public S3FrameStore(IAmazonS3 s3, IOptions<S3Options> options, TimeProvider timeProvider, ILogger<S3FrameStore> logger)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _timeProvider = timeProvider;
        _s3 = s3;
        _options = options.Value;
        _bucket = _options.BucketName ?? throw new ArgumentException("FaceVerify:S3:BucketName is required.", nameof(options));
        _logger = logger;
    }

    /// <summary>Creates the bucket when it does not exist (development and tests; create it with infrastructure code in production).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the bucket exists.</returns>
    public async Task EnsureBucketAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _s3.PutBucketAsync(new PutBucketRequest { BucketName = _bucket }, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception exception) when (exception.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
        {
            // It exists.
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("EnsureBucket", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask PutAsync(string key, ReadOnlyMemory<byte> content, string contentType, DateTimeOffset retainUntil, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = stream,
            AutoCloseStream = false,
            ContentType = contentType,
            ServerSideEncryptionMethod = _options.ServerSideEncryption == "aws:kms" ? ServerSideEncryptionMethod.AWSKMS : ServerSideEncryptionMethod.AES256,
            UseChunkEncoding = !_options.ChecksumsWhenRequiredOnly,
        };
        if (!string.IsNullOrEmpty(_options.KmsKeyId))
        {
            request.ServerSideEncryptionKeyManagementServiceKeyId = _options.KmsKeyId;
        }

        if (!string.IsNullOrEmpty(_options.ExpectedBucketOwner))
        {
            request.ExpectedBucketOwner = _options.ExpectedBucketOwner;
        }

        request.Metadata.Add("retain-until", retainUntil.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        try
        {
            await _s3.PutObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("PutObject", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new GetObjectRequest { BucketName = _bucket, Key = key };
        if (!string.IsNullOrEmpty(_options.ExpectedBucketOwner))
        {
            request.ExpectedBucketOwner = _options.ExpectedBucketOwner;
        }

        try
        {
            using var response = await _s3.GetObjectAsync(request, cancellationToken).ConfigureAwait(false);

            // A lifecycle rule deletes in whole days (and S3 runs it once a day): an object past its retention reads as
            // absent from that moment on, so an expired reference photo is never compared with.
            if (IsPastRetention(response.Metadata["retain-until"]))
            {
                return null;
            }

            using var buffer = new MemoryStream(response.ContentLength > 0 ? (int)response.ContentLength : 0);
            await response.ResponseStream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound || exception.ErrorCode == "NoSuchKey")
        {
            return null;
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("GetObject", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var request = new DeleteObjectRequest { BucketName = _bucket, Key = key };
        if (!string.IsNullOrEmpty(_options.ExpectedBucketOwner))
        {
            request.ExpectedBucketOwner = _options.ExpectedBucketOwner;
        }

        try
        {
            await _s3.DeleteObjectAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (AmazonS3Exception exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone.
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("DeleteObject", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<int> DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        if (!prefix.EndsWith('/'))
        {
            throw new ArgumentException("A prefix from FrameKeys ends in '/'.", nameof(prefix));
        }

        var deleted = 0;
        try
        {
            string? continuation = null;
            do
            {
                var list = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix, ContinuationToken = continuation, MaxKeys = 1000 };
                if (!string.IsNullOrEmpty(_options.ExpectedBucketOwner))
                {
                    list.ExpectedBucketOwner = _options.ExpectedBucketOwner;
                }

                var page = await _s3.ListObjectsV2Async(list, cancellationToken).ConfigureAwait(false);
                var keys = (page.S3Objects ?? []).Select(o => new KeyVersion { Key = o.Key }).ToList();
                if (keys.Count > 0)
                {
                    var delete = new DeleteObjectsRequest { BucketName = _bucket, Objects = keys, Quiet = false };
                    if (!string.IsNullOrEmpty(_options.ExpectedBucketOwner))
                    {
                        delete.ExpectedBucketOwner = _options.ExpectedBucketOwner;
                    }

                    var result = await _s3.DeleteObjectsAsync(delete, cancellationToken).ConfigureAwait(false);
                    var errors = result.DeleteErrors?.Count ?? 0;
                    if (errors > 0)
                    {
                        throw new FaceVerificationException($"S3 DeleteObjects in bucket '{_bucket}' failed for {errors} of {keys.Count} objects ({result.DeleteErrors![0].Code}).");
                    }

                    deleted += result.DeletedObjects?.Count ?? keys.Count;
                }

                continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (!string.IsNullOrEmpty(continuation));
        }
        catch (DeleteObjectsException exception)
        {
            throw new FaceVerificationException($"S3 DeleteObjects in bucket '{_bucket}' failed for {exception.Response?.DeleteErrors?.Count ?? 0} objects.", exception);
        }
        catch (AmazonServiceException exception)
        {
            throw Fault("DeletePrefix", exception);
        }

        return deleted;
    }

    private bool IsPastRetention(string? retainUntil)
        => DateTimeOffset.TryParseExact(retainUntil, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var until)
           && until <= _timeProvider.GetUtcNow();

    private FaceVerificationException Fault(string operation, AmazonServiceException exception)
    {
        LogFault(_logger, operation, exception.ErrorCode, _bucket);
        return Faults.Create(operation, _bucket, exception);
    }

    [LoggerMessage(EventId = 3301, Level = LogLevel.Error, Message = "S3 {Operation} in bucket {Bucket} failed with {Code}")]
    private static partial void LogFault(ILogger logger, string operation, string code, string bucket);
}
