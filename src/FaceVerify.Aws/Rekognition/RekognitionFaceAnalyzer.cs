namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// <see cref="IFaceAnalyzer"/> on Rekognition <c>DetectFaces</c> with <c>Attributes: ["ALL"]</c>. Each
/// <c>FaceDetail</c> maps 1:1 onto <see cref="FaceDetails"/> (the same JSON shape, read by <see cref="FaceDetailsJson"/>).
/// <c>InvalidImageFormatException</c>, <c>ImageTooLargeException</c> and <c>InvalidParameterException</c> become
/// <see cref="FaceAnalysis.Rejected"/> values; faults that outlast the retries throw <see cref="FaceVerificationException"/>.
/// </summary>
public sealed class RekognitionFaceAnalyzer : IFaceAnalyzer, IDependencyProbe
{
    private static readonly string[] AllAttributes = ["ALL"];
    private readonly RekognitionClient _client;

    internal RekognitionFaceAnalyzer(RekognitionClient client) => _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <summary>Every attribute: <c>DetectFaces</c> with <c>ALL</c> returns EyesOpen, Smile, MouthOpen and the pupils (the local engine too).</summary>
    public FaceAttributes MeasuredAttributes => FaceAttributes.All;

    /// <inheritdoc />
    public async ValueTask<FaceAnalysis> AnalyzeAsync(FaceImage image, CancellationToken cancellationToken)
    {
        if (!RekognitionImage.Fits(image))
        {
            // Rekognition would answer ImageTooLargeException: refuse without paying for the call.
            return FaceAnalysis.Rejected(ImageRejection.ImageTooLarge);
        }

        try
        {
            var response = await _client.InvokeAsync(new DetectFacesRequest(new RekognitionImage(image.Content.ToArray()), AllAttributes), cancellationToken).ConfigureAwait(false);
            return response.FaceDetails is { Count: > 0 } faces ? new FaceAnalysis(faces) : FaceAnalysis.NoFaces;
        }
        catch (RekognitionException exception) when (RekognitionErrors.ToRejection(exception.ErrorCode) is { } rejection)
        {
            return FaceAnalysis.Rejected(rejection);
        }
        catch (RekognitionException exception)
        {
            throw _client.Unexpected("DetectFaces", exception);
        }
    }

    /// <summary>Health probe: one <c>ListCollections</c> call (MaxResults 1) without retries: endpoint, credentials and the <c>rekognition:ListCollections</c> permission.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Rekognition answered.</returns>
    public async ValueTask ProbeAsync(CancellationToken cancellationToken)
        => await _client.ProbeAsync(new ListCollectionsRequest(1), cancellationToken).ConfigureAwait(false);
}
