namespace FaceVerify.Aws.Rekognition;

/// <summary>The local engine's presentation-attack extension (not an Amazon Rekognition operation).</summary>
internal sealed partial class RekognitionClient
{
    /// <summary>
    /// <c>DetectPresentationAttack</c>: the FaceVerify local engine's passive presentation-attack scores (tools/local-aws,
    /// human's antispoof and liveness models). Amazon Rekognition answers it with an unknown-operation error.
    /// </summary>
    public Task<DetectPresentationAttackResponse> DetectPresentationAttackAsync(DetectPresentationAttackRequest request, CancellationToken cancellationToken)
        => InvokeAsync<DetectPresentationAttackRequest, DetectPresentationAttackResponse>("DetectPresentationAttack", request, cancellationToken);
}

/// <summary>Request of the local engine's <c>DetectPresentationAttack</c>.</summary>
internal sealed record DetectPresentationAttackRequest(RekognitionImage Image);

/// <summary>One face's passive scores: <c>Real</c> (antispoof) and <c>Live</c> (liveness), 0–1, near 1 for a live face.</summary>
internal sealed record PresentationAttackFace(BoundingBox? BoundingBox, double? Real, double? Live, double? Confidence);

/// <summary>Response of the local engine's <c>DetectPresentationAttack</c>: faces, largest first.</summary>
internal sealed record DetectPresentationAttackResponse(IReadOnlyList<PresentationAttackFace>? Faces);
