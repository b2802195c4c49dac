using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>The default <see cref="IFaceEnrolmentService"/>.</summary>
internal sealed class FaceEnrolmentService(
    IFaceAnalyzer analyzer,
    IFaceCollection collection,
    IFrameStore frames,
    IAttemptStore attempts,
    IOptions<FaceVerificationOptions> options,
    TimeProvider time) : IFaceEnrolmentService
{
    /// <summary>The minimum detection confidence of an enrolment face.</summary>
    internal const double MinConfidence = 90;

    /// <summary>The largest yaw or pitch, in degrees, of an enrolment face.</summary>
    internal const double MaxRotation = 30;

    /// <summary>The smallest face width, as a ratio of the photo width.</summary>
    internal const double MinFaceWidth = 0.1;

    private readonly FaceVerificationOptions _options = options.Value;

    public async ValueTask<EnrolmentOutcome> EnrolAsync(string userId, ReadOnlyMemory<byte> photo, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (photo.Length > _options.MaxEnrolmentPhotoBytes)
        {
            return new EnrolmentOutcome(EnrolmentStatus.InvalidImage, Detail: $"The photo may be at most {_options.MaxEnrolmentPhotoBytes} bytes.");
        }

        var headerResult = ImageHeaderReader.TryRead(photo.Span, _options.MaxImagePixels, out var header);
        if (headerResult != FrameRejection.None)
        {
            return new EnrolmentOutcome(EnrolmentStatus.InvalidImage, Detail: ImageChecks.Describe(headerResult, header, _options.MaxImagePixels));
        }

        if (header.Width < 80 || header.Height < 80)
        {
            return new EnrolmentOutcome(EnrolmentStatus.LowQuality, Detail: "The photo must be at least 80x80 pixels.");
        }

        var bytes = photo.ToArray();
        var image = new FaceImage(bytes, header.Format, header.Width, header.Height);
        var analysis = await analyzer.AnalyzeAsync(image, cancellationToken).ConfigureAwait(false);
        var check = CheckFace(analysis);
        if (check is not null)
        {
            return check;
        }

        // Replace any earlier enrolment: the old faces and photos go first, so a user never has two references.
        await collection.DeleteUserFacesAsync(userId, cancellationToken).ConfigureAwait(false);
        await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(userId), cancellationToken).ConfigureAwait(false);
        await frames.PutAsync(FrameKeys.Enrolment(userId, header.Format), bytes, image.ContentType, time.GetUtcNow() + _options.EnrolmentRetention, cancellationToken).ConfigureAwait(false);
        var indexed = await collection.IndexFaceAsync(userId, image, cancellationToken).ConfigureAwait(false);
        if (!indexed.Succeeded)
        {
            await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(userId), cancellationToken).ConfigureAwait(false);
            return new EnrolmentOutcome(indexed.Status, Detail: "The face collection refused the photo.");
        }

        return new EnrolmentOutcome(EnrolmentStatus.Enrolled, indexed.FaceId);
    }

    public async ValueTask<UserDataDeletion> DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var sessionIds = await attempts.GetSessionIdsForUserAsync(userId, cancellationToken).ConfigureAwait(false);
        var objects = 0;
        foreach (var sessionId in sessionIds)
        {
            objects += await frames.DeletePrefixAsync(FrameKeys.SessionPrefix(sessionId), cancellationToken).ConfigureAwait(false);
        }

        objects += await frames.DeletePrefixAsync(FrameKeys.EnrolmentPrefix(userId), cancellationToken).ConfigureAwait(false);
        var faces = await collection.DeleteUserFacesAsync(userId, cancellationToken).ConfigureAwait(false);

        // The attempt store goes last: until it is gone, the session list above can be read again by a retry.
        await attempts.DeleteUserDataAsync(userId, cancellationToken).ConfigureAwait(false);
        return new UserDataDeletion(sessionIds.Count, objects, faces);
    }

    private static EnrolmentOutcome? CheckFace(FaceAnalysis analysis)
    {
        if (analysis.Rejection is not null)
        {
            return new EnrolmentOutcome(EnrolmentStatus.InvalidImage, Detail: $"The analyzer could not read the photo ({analysis.Rejection}).");
        }

        if (analysis.Faces.Count == 0)
        {
            return new EnrolmentOutcome(EnrolmentStatus.NoFace, Detail: "No face was found in the photo.");
        }

        if (analysis.Faces.Count > 1)
        {
            return new EnrolmentOutcome(EnrolmentStatus.MultipleFaces, Detail: "The photo must show exactly one face.");
        }

        var face = analysis.Faces[0];
        if (face.Confidence < MinConfidence || Math.Abs(face.Pose.Yaw) > MaxRotation || Math.Abs(face.Pose.Pitch) > MaxRotation || face.BoundingBox.Width < MinFaceWidth)
        {
            return new EnrolmentOutcome(EnrolmentStatus.LowQuality, Detail: "The face must be clear, large enough and facing the camera.");
        }

        return null;
    }
}
