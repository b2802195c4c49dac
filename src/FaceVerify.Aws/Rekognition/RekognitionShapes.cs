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

internal sealed record DetectFacesRequest(RekognitionImage Image, IReadOnlyList<string> Attributes);

internal sealed record DetectFacesResponse(IReadOnlyList<FaceDetails>? FaceDetails, string? OrientationCorrection);

internal sealed record CompareFacesRequest(RekognitionImage SourceImage, RekognitionImage TargetImage, double SimilarityThreshold, string QualityFilter);

internal sealed record ComparedSourceImageFace(BoundingBox? BoundingBox, double? Confidence);

internal sealed record CompareFacesMatch(double? Similarity, FaceDetails? Face);

internal sealed record CompareFacesResponse(
    ComparedSourceImageFace? SourceImageFace,
    IReadOnlyList<CompareFacesMatch>? FaceMatches,
    IReadOnlyList<FaceDetails>? UnmatchedFaces);

internal sealed record CreateCollectionRequest(string CollectionId);

internal sealed record CreateCollectionResponse(int? StatusCode, string? CollectionArn, string? FaceModelVersion);

internal sealed record DeleteCollectionRequest(string CollectionId);

internal sealed record DeleteCollectionResponse(int? StatusCode);

internal sealed record IndexFacesRequest(
    string CollectionId,
    RekognitionImage Image,
    string ExternalImageId,
    IReadOnlyList<string> DetectionAttributes,
    int MaxFaces,
    string QualityFilter);

/// <summary>Rekognition <c>Face</c>: a face stored in a collection.</summary>
internal sealed record RekognitionFace(string? FaceId, BoundingBox? BoundingBox, string? ImageId, string? ExternalImageId, double? Confidence, string? IndexFacesModelVersion, string? UserId);

internal sealed record FaceRecord(RekognitionFace? Face, FaceDetails? FaceDetail);

internal sealed record UnindexedFace(IReadOnlyList<string>? Reasons, FaceDetails? FaceDetail);

internal sealed record IndexFacesResponse(IReadOnlyList<FaceRecord>? FaceRecords, string? FaceModelVersion, IReadOnlyList<UnindexedFace>? UnindexedFaces);

internal sealed record SearchFacesByImageRequest(string CollectionId, RekognitionImage Image, int MaxFaces, double FaceMatchThreshold, string QualityFilter);

internal sealed record FaceMatchRecord(double? Similarity, RekognitionFace? Face);

internal sealed record SearchFacesByImageResponse(BoundingBox? SearchedFaceBoundingBox, double? SearchedFaceConfidence, IReadOnlyList<FaceMatchRecord>? FaceMatches, string? FaceModelVersion);

internal sealed record ListFacesRequest(string CollectionId, int MaxResults, string? NextToken);

internal sealed record ListFacesResponse(IReadOnlyList<RekognitionFace>? Faces, string? NextToken, string? FaceModelVersion);

internal sealed record DeleteFacesRequest(string CollectionId, IReadOnlyList<string> FaceIds);

internal sealed record UnsuccessfulFaceDeletion(string? FaceId, string? UserId, IReadOnlyList<string>? Reasons);

internal sealed record DeleteFacesResponse(IReadOnlyList<string>? DeletedFaces, IReadOnlyList<UnsuccessfulFaceDeletion>? UnsuccessfulFaceDeletions);

internal sealed record ListCollectionsRequest(int MaxResults);

internal sealed record ListCollectionsResponse(IReadOnlyList<string>? CollectionIds, string? NextToken);
