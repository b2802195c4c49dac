using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FaceVerify.CognitoTriggers.Events;
using FaceVerify.CognitoTriggers.Handlers;
using FaceVerify.CognitoTriggers.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>
/// Enrolment, fired by S3 <c>ObjectCreated</c> on the upload prefix. For each record: the bucket must be the upload
/// bucket and the key <c>{prefix}{sub}/{file}</c> (<see cref="UploadKey"/>); the owner is that <c>sub</c>, which the
/// IAM policy lets only that signed-in user write, never S3 metadata. The file name (without extension) is the id of the
/// liveness session the user passed just before uploading: the photo is read (size-capped) and enrolled with
/// <see cref="IFaceEnrolmentService.EnrolAsync(EnrolmentRequest, CancellationToken)"/>, which requires that passed,
/// unused session of the same user whose live face matches the photo, exactly one clear, frontal face, and — to replace
/// an earlier reference — a step-up (a fresh face login, or a fresh e-mail-code sign-in on the enrolment client:
/// <see cref="EmailCodeEnrolmentApproval"/>). Each record ends as an <see cref="EnrolmentUploadResult"/> (logged and
/// returned); the upload itself is deleted once processed.
/// </summary>
public sealed class EnrolmentUploadHandler(
    IFaceEnrolmentService enrolment,
    IUploadStore uploads,
    IOptions<CognitoTriggerOptions> options,
    IOptions<FaceVerificationOptions> faceVerifyOptions,
    ILogger<EnrolmentUploadHandler> logger) : ICognitoTrigger
{
    private static readonly JsonSerializerOptions OutputOptions = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly CognitoTriggerOptions _options = options.Value;
    private readonly int _maxBytes = faceVerifyOptions.Value.MaxEnrolmentPhotoBytes;

    /// <inheritdoc />
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        var results = await HandleRecordsAsync(input, cancellationToken).ConfigureAwait(false);
        var stream = new MemoryStream();
        await JsonSerializer.SerializeAsync(stream, new { results }, OutputOptions, cancellationToken).ConfigureAwait(false);
        stream.Position = 0;
        return stream;
    }

    /// <summary>Processes every record of an S3 event.</summary>
    /// <param name="input">The S3 event JSON.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One result per record, in order.</returns>
    public async Task<IReadOnlyList<EnrolmentUploadResult>> HandleRecordsAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var bucket = _options.UploadBucket ?? throw new InvalidOperationException($"{CognitoTriggerOptions.SectionName}:UploadBucket is not configured.");
        var records = ReadRecords(input);
        var results = new List<EnrolmentUploadResult>(records.Count);
        foreach (var record in records)
        {
            var result = await ProcessAsync(record, bucket, cancellationToken).ConfigureAwait(false);
            TriggerLog.UploadProcessed(logger, result.Status, result.Reason, result.OpaqueUserId ?? "-", result.Detail ?? string.Empty);
            results.Add(result);
        }

        return results;
    }

    private async Task<EnrolmentUploadResult> ProcessAsync(S3Record record, string bucket, CancellationToken cancellationToken)
    {
        if (!string.Equals(record.EventSource, "aws:s3", StringComparison.Ordinal) || record.EventName?.StartsWith("ObjectCreated:", StringComparison.Ordinal) != true)
        {
            return new EnrolmentUploadResult(EnrolmentUploadStatus.Ignored, EnrolmentUploadReason.NotObjectCreated);
        }

        if (!string.Equals(record.Bucket, bucket, StringComparison.Ordinal))
        {
            return new EnrolmentUploadResult(EnrolmentUploadStatus.Ignored, EnrolmentUploadReason.WrongBucket);
        }

        if (!UploadKey.TryParse(record.Key, _options.UploadPrefix, out var key))
        {
            // No owner can be derived: nothing is read or enrolled. The object stays for the lifecycle rule to expire.
            return new EnrolmentUploadResult(EnrolmentUploadStatus.Refused, EnrolmentUploadReason.KeyOutsidePrefix, Detail: "The key is not an enrolment upload key.");
        }

        var objectKey = _options.UploadPrefix + key!.UserId + "/" + key.FileName;
        var opaque = FrameKeys.OpaqueUserId(key.UserId);
        var result = await EnrolAsync(objectKey, key.UserId, opaque, record.Size, bucket, cancellationToken).ConfigureAwait(false);
        if (_options.DeleteUploadAfterProcessing && result.Reason != EnrolmentUploadReason.Missing)
        {
            await uploads.DeleteAsync(bucket, objectKey, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<EnrolmentUploadResult> EnrolAsync(string objectKey, string userId, string opaque, long? size, string bucket, CancellationToken cancellationToken)
    {
        if (size > _maxBytes)
        {
            return new EnrolmentUploadResult(EnrolmentUploadStatus.Refused, EnrolmentUploadReason.TooLarge, opaque, Detail: $"The photo may be at most {_maxBytes} bytes.");
        }

        byte[]? bytes;
        try
        {
            bytes = await uploads.GetAsync(bucket, objectKey, _maxBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (UploadTooLargeException)
        {
            return new EnrolmentUploadResult(EnrolmentUploadStatus.Refused, EnrolmentUploadReason.TooLarge, opaque, Detail: $"The photo may be at most {_maxBytes} bytes.");
        }

        if (bytes is null)
        {
            return new EnrolmentUploadResult(EnrolmentUploadStatus.Refused, EnrolmentUploadReason.Missing, opaque, Detail: "The upload no longer exists.");
        }

        var sessionId = Path.GetFileNameWithoutExtension(objectKey);
        var outcome = await enrolment.EnrolAsync(new EnrolmentRequest { UserId = userId, Photo = bytes, LivenessSessionId = sessionId }, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded
            ? new EnrolmentUploadResult(EnrolmentUploadStatus.Enrolled, EnrolmentUploadReason.Enrolled, opaque, outcome.FaceId)
            : new EnrolmentUploadResult(EnrolmentUploadStatus.Refused, Map(outcome.Reason), opaque, Detail: outcome.Detail);
    }

    private static EnrolmentUploadReason Map(EnrolmentReason status) => status switch
    {
        EnrolmentReason.NoFace => EnrolmentUploadReason.NoFace,
        EnrolmentReason.MultipleFaces => EnrolmentUploadReason.MultipleFaces,
        EnrolmentReason.LowQuality => EnrolmentUploadReason.LowQuality,
        EnrolmentReason.LivenessRequired or EnrolmentReason.SessionNotFound or EnrolmentReason.SessionNotPassed or EnrolmentReason.SessionAlreadyUsed => EnrolmentUploadReason.LivenessSessionInvalid,
        EnrolmentReason.FaceMismatch => EnrolmentUploadReason.FaceMismatch,
        EnrolmentReason.StepUpRequired => EnrolmentUploadReason.StepUpRequired,
        EnrolmentReason.InProgress => EnrolmentUploadReason.InProgress,
        EnrolmentReason.LockedOut => EnrolmentUploadReason.LockedOut,
        _ => EnrolmentUploadReason.InvalidImage,
    };

    private static List<S3Record> ReadRecords(Stream input)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(input, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new MalformedEventException("The S3 event is not valid JSON.", e);
        }

        if (root is not JsonObject obj || obj["Records"] is not JsonArray array)
        {
            throw new MalformedEventException("The S3 event has no 'Records' array.");
        }

        var records = new List<S3Record>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject r || r["s3"] is not JsonObject s3 || s3["bucket"] is not JsonObject b || s3["object"] is not JsonObject o)
            {
                throw new MalformedEventException($"'Records[{i}]' has no 's3.bucket' and 's3.object'.");
            }

            records.Add(new S3Record(
                Text(r, "eventSource", i),
                Text(r, "eventName", i),
                Text(b, "name", i),
                Text(o, "key", i),
                o["size"] is JsonValue sv && sv.TryGetValue<long>(out var size) ? size : null));
        }

        return records;
    }

    private static string? Text(JsonObject parent, string name, int index) => parent[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new MalformedEventException($"'Records[{index}]' member '{name}' must be a string."),
    };

    private sealed record S3Record(string? EventSource, string? EventName, string? Bucket, string? Key, long? Size);
}
