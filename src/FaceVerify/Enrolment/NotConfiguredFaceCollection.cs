namespace FaceVerify;

/// <summary>The placeholder registered until an adapter provides a face collection: every call explains what to configure.</summary>
internal sealed class NotConfiguredFaceCollection : IFaceCollection
{
    private const string Message = "No face collection is configured: call AddFaceVerification().UseRekognition() (FaceVerify.Aws) or UseFaceCollection(...) to enrol users and log them in with their face.";

    public ValueTask<EnrolmentResult> IndexFaceAsync(string userId, FaceImage image, CancellationToken cancellationToken) => throw new FaceVerificationException(Message);

    public ValueTask<FaceMatch> MatchUserAsync(string userId, FaceImage image, double minSimilarity, CancellationToken cancellationToken) => throw new FaceVerificationException(Message);

    // Deleting a user's data must work without enrolment support: there is nothing indexed to delete.
    public ValueTask<int> DeleteUserFacesAsync(string userId, CancellationToken cancellationToken) => ValueTask.FromResult(0);
}
