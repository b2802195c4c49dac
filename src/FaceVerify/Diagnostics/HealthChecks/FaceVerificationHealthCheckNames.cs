namespace FaceVerify;

/// <summary>The names of the health checks registered by <c>AddFaceVerificationHealthChecks()</c>.</summary>
public static class FaceVerificationHealthCheckNames
{
    /// <summary>The attempt store (sessions, frames metadata, outcomes): a strongly consistent read of a session id that does not exist.</summary>
    public const string AttemptStore = "faceverify-attempt-store";

    /// <summary>The frame store (frame and reference bytes): a read of a key that does not exist.</summary>
    public const string FrameStore = "faceverify-frame-store";

    /// <summary>The face analyzer: its <see cref="IDependencyProbe"/> when it has one (Rekognition: ListCollections).</summary>
    public const string FaceAnalyzer = "faceverify-face-analyzer";

    /// <summary>The face collection of enrolled references: its <see cref="IDependencyProbe"/> when it has one (Rekognition: ListFaces of the collection).</summary>
    public const string FaceCollection = "faceverify-face-collection";

    /// <summary>The token keys: a session token signed and validated again; Degraded with an ephemeral key.</summary>
    public const string TokenKeys = "faceverify-token-keys";
}
