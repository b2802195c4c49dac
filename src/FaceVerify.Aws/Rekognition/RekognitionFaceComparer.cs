namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// <see cref="IFaceComparer"/> on Rekognition <c>CompareFaces</c>. <c>SimilarityThreshold</c> is sent as 0 so the real
/// similarity of the best target face always comes back (the caller applies its own threshold), with
/// <see cref="RekognitionOptions.QualityFilter"/>. Rejected images (unreadable, too large, or no face, which Rekognition
/// reports as <c>InvalidParameterException</c>) become <see cref="FaceComparison.Rejection"/> values.
/// </summary>
public sealed class RekognitionFaceComparer : IFaceComparer
{
    private readonly RekognitionClient _client;

    internal RekognitionFaceComparer(RekognitionClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public async ValueTask<FaceComparison> CompareAsync(FaceImage source, FaceImage target, CancellationToken cancellationToken)
    {
        if (!RekognitionImage.Fits(source) || !RekognitionImage.Fits(target))
        {
            return new FaceComparison(0, false, false, ImageRejection.ImageTooLarge);
        }

        var request = new CompareFacesRequest(
            new RekognitionImage(source.Content.ToArray()),
            new RekognitionImage(target.Content.ToArray()),
            SimilarityThreshold: 0,
            _client.Options.QualityFilter);
        try
        {
            var response = await _client.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
            var best = 0d;
            var matches = response.FaceMatches ?? [];
            foreach (var match in matches)
            {
                best = Math.Max(best, match.Similarity ?? 0);
            }

            var targetFaces = matches.Count + (response.UnmatchedFaces?.Count ?? 0);
            return new FaceComparison(best, response.SourceImageFace is not null, targetFaces > 0);
        }
        catch (RekognitionException exception) when (RekognitionErrors.ToRejection(exception.ErrorCode) is { } rejection)
        {
            return new FaceComparison(0, false, false, rejection);
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("CompareFaces", exception);
        }
    }
}
