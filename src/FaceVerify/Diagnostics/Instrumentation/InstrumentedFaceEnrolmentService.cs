namespace FaceVerify;

/// <summary>Enrolment with its instruments: <c>faceverify.enrolment.attempts</c> and <c>.duration</c> by outcome, and <c>FaceVerify.Enrol</c> / <c>FaceVerify.DeleteUserData</c> spans.</summary>
internal sealed class InstrumentedFaceEnrolmentService(FaceEnrolmentService inner, FaceVerifyMetrics metrics) : IFaceEnrolmentService
{
    public ValueTask<EnrolmentResult> EnrolAsync(string userId, ReadOnlyMemory<byte> photo, CancellationToken cancellationToken)
        => EnrolAsync(new EnrolmentRequest { UserId = userId, Photo = photo }, cancellationToken);

    public ValueTask<EnrolmentResult> EnrolAsync(EnrolmentRequest request, CancellationToken cancellationToken)
        => MeasuredCall.RunAsync(
            "FaceVerify.Enrol",
            metrics.EnrolmentAttempts,
            metrics.EnrolmentDuration,
            () => inner.EnrolAsync(request, cancellationToken),
            static result => (result.Succeeded ? "enrolled" : FaceVerifyMetrics.Lower(result.Reason), (string?)null));

    public async ValueTask<UserDataDeletion> DeleteUserDataAsync(string userId, CancellationToken cancellationToken)
    {
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.DeleteUserData");
        try
        {
            return await inner.DeleteUserDataAsync(userId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            FaceVerifyActivities.Failed(activity, exception);
            throw;
        }
    }
}
