namespace FaceVerify.AspNetCore;

/// <summary>Marks FaceVerify endpoints, so shared middleware callbacks (the rate limiter's rejection) can recognise them.</summary>
internal sealed class FaceVerificationEndpointMetadata
{
    public static FaceVerificationEndpointMetadata Instance { get; } = new();
}
