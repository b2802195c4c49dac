#pragma warning disable SA1402, CA1812 // Internal wire shapes are grouped in one file; they are instantiated by System.Text.Json.

namespace FaceVerify.Aws.Rekognition;

// Request and response shapes of the Rekognition operations FaceVerify uses, with the wire names exactly
// (PascalCase, System.Text.Json). Response members are nullable because Rekognition omits absent members.

/// <summary>Rekognition <c>Image</c>: the bytes are sent base64-encoded.</summary>
internal sealed record RekognitionImage(byte[] Bytes)
{
    /// <summary>Rekognition's limit for image bytes passed in the request (5 MB, raw).</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>Whether Rekognition accepts an image of this size as request bytes.</summary>
    public static bool Fits(FaceImage image) => image.Content.Length <= MaxBytes;
}

/// <summary>
/// The request of one Rekognition operation: its name (<c>X-Amz-Target: RekognitionService.&lt;Operation&gt;</c>) and,
/// by the type argument, the shape of its response. Implemented explicitly, so the name is not serialized.
/// </summary>
/// <typeparam name="TResponse">The response shape.</typeparam>
internal interface IRekognitionRequest<TResponse>
{
    /// <summary>The operation name, e.g. <c>DetectFaces</c>.</summary>
    string Operation { get; }
}

internal sealed record DetectFacesRequest(RekognitionImage Image, IReadOnlyList<string> Attributes)
    : IRekognitionRequest<DetectFacesResponse>
{
    string IRekognitionRequest<DetectFacesResponse>.Operation => "DetectFaces";
}

internal sealed record DetectFacesResponse(IReadOnlyList<FaceDetails>? FaceDetails, string? OrientationCorrection);

internal sealed record CompareFacesRequest(RekognitionImage SourceImage, RekognitionImage TargetImage, double SimilarityThreshold, string QualityFilter)
    : IRekognitionRequest<CompareFacesResponse>
{
    string IRekognitionRequest<CompareFacesResponse>.Operation => "CompareFaces";
}

internal sealed record ComparedSourceImageFace(BoundingBox? BoundingBox, double? Confidence);

internal sealed record CompareFacesMatch(double? Similarity, FaceDetails? Face);

internal sealed record CompareFacesResponse(
    ComparedSourceImageFace? SourceImageFace,
    IReadOnlyList<CompareFacesMatch>? FaceMatches,
    IReadOnlyList<FaceDetails>? UnmatchedFaces);

internal sealed record CreateCollectionRequest(string CollectionId)
    : IRekognitionRequest<CreateCollectionResponse>
{
    string IRekognitionRequest<CreateCollectionResponse>.Operation => "CreateCollection";
}

internal sealed record CreateCollectionResponse(int? StatusCode, string? CollectionArn, string? FaceModelVersion);

internal sealed record DeleteCollectionRequest(string CollectionId)
    : IRekognitionRequest<DeleteCollectionResponse>
{
    string IRekognitionRequest<DeleteCollectionResponse>.Operation => "DeleteCollection";
}

internal sealed record DeleteCollectionResponse(int? StatusCode);

internal sealed record IndexFacesRequest(
    string CollectionId,
    RekognitionImage Image,
    string ExternalImageId,
    IReadOnlyList<string> DetectionAttributes,
    int MaxFaces,
    string QualityFilter)
    : IRekognitionRequest<IndexFacesResponse>
{
    string IRekognitionRequest<IndexFacesResponse>.Operation => "IndexFaces";
}

/// <summary>Rekognition <c>Face</c>: a face stored in a collection.</summary>
internal sealed record RekognitionFace(string? FaceId, BoundingBox? BoundingBox, string? ImageId, string? ExternalImageId, double? Confidence, string? IndexFacesModelVersion, string? UserId);

internal sealed record FaceRecord(RekognitionFace? Face, FaceDetails? FaceDetail);

internal sealed record UnindexedFace(IReadOnlyList<string>? Reasons, FaceDetails? FaceDetail);

internal sealed record IndexFacesResponse(IReadOnlyList<FaceRecord>? FaceRecords, string? FaceModelVersion, IReadOnlyList<UnindexedFace>? UnindexedFaces);

internal sealed record SearchFacesByImageRequest(string CollectionId, RekognitionImage Image, int MaxFaces, double FaceMatchThreshold, string QualityFilter)
    : IRekognitionRequest<SearchFacesByImageResponse>
{
    string IRekognitionRequest<SearchFacesByImageResponse>.Operation => "SearchFacesByImage";
}

internal sealed record FaceMatchRecord(double? Similarity, RekognitionFace? Face);

internal sealed record SearchFacesByImageResponse(BoundingBox? SearchedFaceBoundingBox, double? SearchedFaceConfidence, IReadOnlyList<FaceMatchRecord>? FaceMatches, string? FaceModelVersion);

internal sealed record ListFacesRequest(string CollectionId, int MaxResults, string? NextToken)
    : IRekognitionRequest<ListFacesResponse>
{
    string IRekognitionRequest<ListFacesResponse>.Operation => "ListFaces";
}

internal sealed record ListFacesResponse(IReadOnlyList<RekognitionFace>? Faces, string? NextToken, string? FaceModelVersion);

internal sealed record DeleteFacesRequest(string CollectionId, IReadOnlyList<string> FaceIds)
    : IRekognitionRequest<DeleteFacesResponse>
{
    string IRekognitionRequest<DeleteFacesResponse>.Operation => "DeleteFaces";
}

internal sealed record UnsuccessfulFaceDeletion(string? FaceId, string? UserId, IReadOnlyList<string>? Reasons);

internal sealed record DeleteFacesResponse(IReadOnlyList<string>? DeletedFaces, IReadOnlyList<UnsuccessfulFaceDeletion>? UnsuccessfulFaceDeletions);

internal sealed record ListCollectionsRequest(int MaxResults)
    : IRekognitionRequest<ListCollectionsResponse>
{
    string IRekognitionRequest<ListCollectionsResponse>.Operation => "ListCollections";
}

internal sealed record ListCollectionsResponse(IReadOnlyList<string>? CollectionIds, string? NextToken);
