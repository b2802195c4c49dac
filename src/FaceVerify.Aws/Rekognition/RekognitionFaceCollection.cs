using System.Diagnostics.CodeAnalysis;

namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// <see cref="IFaceCollection"/> on a Rekognition collection (<see cref="RekognitionOptions.CollectionId"/>). Users are
/// known to Rekognition only as <see cref="FrameKeys.OpaqueUserId"/> in <c>ExternalImageId</c>.
/// <list type="bullet">
/// <item>Enrolment runs <c>DetectFaces</c> first and refuses images with no face or several faces, then <c>IndexFaces</c>
/// with <c>MaxFaces 1</c>, <c>DetectionAttributes DEFAULT</c> and the quality filter; a face the filter drops is
/// <see cref="EnrolmentReason.LowQuality"/>.</item>
/// <item>Matching runs <c>SearchFacesByImage</c> and keeps only matches whose <c>ExternalImageId</c> is the user's.</item>
/// <item>The user's face ids are not stored anywhere else: <c>ListFaces</c> (paged) finds them by <c>ExternalImageId</c>
/// for deletion, and for <see cref="FaceMatch.UserEnrolled"/> when a search found no match for the user.</item>
/// </list>
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Mirrors IFaceCollection and Rekognition collections.")]
public sealed class RekognitionFaceCollection : IFaceCollection, IDependencyProbe
{
    private static readonly string[] DefaultAttributes = ["DEFAULT"];
    private const int ListPageSize = 4096;
    private const int DeleteBatchSize = 4096;
    private readonly RekognitionClient _client;

    internal RekognitionFaceCollection(RekognitionClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Creates the collection when it does not exist (for development and tests; create it with infrastructure code in production).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when created; <see langword="false"/> when it existed.</returns>
    public async ValueTask<bool> EnsureCollectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.InvokeAsync(new CreateCollectionRequest(_client.CollectionId), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RekognitionException exception) when (exception.ErrorCode == RekognitionErrors.ResourceAlreadyExists)
        {
            return false;
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("CreateCollection", exception);
        }
    }

    /// <summary>Deletes the collection and every face in it (development and tests).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when it did not exist.</returns>
    public async ValueTask<bool> DeleteCollectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _client.InvokeAsync(new DeleteCollectionRequest(_client.CollectionId), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (FaceVerificationException exception) when (exception.InnerException is RekognitionException { ErrorCode: RekognitionErrors.ResourceNotFound })
        {
            return false;
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("DeleteCollection", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken)
    {
        var externalImageId = FrameKeys.OpaqueUserId(userId);
        if (!RekognitionImage.Fits(image))
        {
            return new EnrolmentResult(EnrolmentReason.InvalidImage);
        }

        var bytes = new RekognitionImage(image.Content.ToArray());
        try
        {
            var detected = await _client.InvokeAsync(new DetectFacesRequest(bytes, DefaultAttributes), cancellationToken).ConfigureAwait(false);
            switch (detected.FaceDetails?.Count ?? 0)
            {
                case 0:
                    return new EnrolmentResult(EnrolmentReason.NoFace);
                case > 1:
                    return new EnrolmentResult(EnrolmentReason.MultipleFaces);
            }

            var indexed = await _client.InvokeAsync(
                new IndexFacesRequest(_client.CollectionId, bytes, externalImageId, DefaultAttributes, MaxFaces: 1, _client.Options.QualityFilter),
                cancellationToken).ConfigureAwait(false);
            var faceIds = (indexed.FaceRecords ?? []).Select(r => r.Face?.FaceId).OfType<string>().ToList();
            if (faceIds.Count == 0)
            {
                return new EnrolmentResult(EnrolmentReason.LowQuality);
            }

            if (faceIds.Count > 1)
            {
                // An engine that ignored MaxFaces: undo, and refuse the image.
                await _client.InvokeAsync(new DeleteFacesRequest(_client.CollectionId, faceIds), cancellationToken).ConfigureAwait(false);
                return new EnrolmentResult(EnrolmentReason.MultipleFaces);
            }

            return new EnrolmentResult(EnrolmentReason.None, faceIds[0]);
        }
        catch (RekognitionException exception) when (RekognitionErrors.ToRejection(exception.ErrorCode) is not null)
        {
            return new EnrolmentResult(EnrolmentReason.InvalidImage);
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("IndexFaces", exception);
        }
    }

    /// <inheritdoc />
    public async ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSimilarity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minSimilarity, 100);
        var externalImageId = FrameKeys.OpaqueUserId(userId);
        SearchFacesByImageResponse response;
        try
        {
            response = await _client.InvokeAsync(
                new SearchFacesByImageRequest(_client.CollectionId, new RekognitionImage(image.Content.ToArray()), _client.Options.SearchMaxFaces, minSimilarity, _client.Options.QualityFilter),
                cancellationToken).ConfigureAwait(false);
        }
        catch (RekognitionException exception) when (RekognitionErrors.ToRejection(exception.ErrorCode) is not null)
        {
            // Rekognition answers InvalidParameterException when the probe has no face.
            var enrolled = (await ListUserFaceIdsAsync(externalImageId, cancellationToken).ConfigureAwait(false)).Count > 0;
            return new FaceMatch(0, ProbeFaceFound: false, enrolled);
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("SearchFacesByImage", exception);
        }

        var best = 0d;
        var found = false;
        foreach (var match in response.FaceMatches ?? [])
        {
            if (string.Equals(match.Face?.ExternalImageId, externalImageId, StringComparison.Ordinal))
            {
                found = true;
                best = Math.Max(best, match.Similarity ?? 0);
            }
        }

        var probeFound = response.SearchedFaceBoundingBox is not null || response.FaceMatches is { Count: > 0 };
        if (found)
        {
            return new FaceMatch(best, probeFound, UserEnrolled: true);
        }

        var userEnrolled = (await ListUserFaceIdsAsync(externalImageId, cancellationToken).ConfigureAwait(false)).Count > 0;
        return new FaceMatch(0, probeFound, userEnrolled);
    }

    /// <inheritdoc />
    public async ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken)
    {
        var faceIds = await ListUserFaceIdsAsync(FrameKeys.OpaqueUserId(userId), cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        try
        {
            foreach (var batch in faceIds.Chunk(DeleteBatchSize))
            {
                var response = await _client.InvokeAsync(new DeleteFacesRequest(_client.CollectionId, batch), cancellationToken).ConfigureAwait(false);
                deleted += response.DeletedFaces?.Count ?? 0;
            }
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("DeleteFaces", exception);
        }

        return deleted;
    }

    /// <inheritdoc />
    /// <remarks>One <c>DeleteFaces</c> call with the given ids: no <c>ListFaces</c> over the collection.</remarks>
    public async ValueTask<int> DeleteFacesAsync(string userId, IReadOnlyList<string> faceIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faceIds);
        if (faceIds.Count == 0)
        {
            return 0;
        }

        try
        {
            var response = await _client.InvokeAsync(new DeleteFacesRequest(_client.CollectionId, faceIds), cancellationToken).ConfigureAwait(false);
            return response.DeletedFaces?.Count ?? 0;
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("DeleteFaces", exception);
        }
    }

    private async ValueTask<List<string>> ListUserFaceIdsAsync(string externalImageId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        string? nextToken = null;
        try
        {
            do
            {
                var page = await _client.InvokeAsync(new ListFacesRequest(_client.CollectionId, ListPageSize, nextToken), cancellationToken).ConfigureAwait(false);
                foreach (var face in page.Faces ?? [])
                {
                    if (face.FaceId is { } id && string.Equals(face.ExternalImageId, externalImageId, StringComparison.Ordinal))
                    {
                        ids.Add(id);
                    }
                }

                nextToken = page.NextToken;
            }
            while (!string.IsNullOrEmpty(nextToken));
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("ListFaces", exception);
        }

        return ids;
    }

    /// <summary>Health probe: one <c>ListFaces</c> call (MaxResults 1) on the collection without retries: endpoint, credentials, permission and that the collection exists.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Rekognition answered.</returns>
    public async ValueTask ProbeAsync(CancellationToken cancellationToken)
        => await _client.ProbeAsync(new ListFacesRequest(_client.CollectionId, 1, null), cancellationToken).ConfigureAwait(false);
}
