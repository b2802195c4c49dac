namespace FaceVerify.Aws.Rekognition;

/// <summary>
/// Request of <c>DetectPresentationAttack</c>, the FaceVerify local engine's passive presentation-attack scores
/// (tools/local-aws, human's antispoof and liveness models); not an Amazon Rekognition operation (Amazon Rekognition
/// answers it with an unknown-operation error).
/// </summary>
internal sealed record DetectPresentationAttackRequest(RekognitionImage Image)
    : IRekognitionRequest<DetectPresentationAttackResponse>
{
    string IRekognitionRequest<DetectPresentationAttackResponse>.Operation => "DetectPresentationAttack";
}

/// <summary>One face's passive scores: <c>Real</c> (antispoof) and <c>Live</c> (liveness), 0–1, near 1 for a live face.</summary>
internal sealed record PresentationAttackFace(BoundingBox? BoundingBox, double? Real, double? Live, double? Confidence);

/// <summary>Response of the local engine's <c>DetectPresentationAttack</c>: faces, largest first.</summary>
internal sealed record DetectPresentationAttackResponse(IReadOnlyList<PresentationAttackFace>? Faces);
