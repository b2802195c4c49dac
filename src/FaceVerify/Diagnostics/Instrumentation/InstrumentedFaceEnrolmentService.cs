using System.Diagnostics;

namespace FaceVerify;

/// <summary>Enrolment with its instruments: <c>faceverify.enrolment.attempts</c> and <c>.duration</c> by outcome, and <c>FaceVerify.Enrol</c> / <c>FaceVerify.DeleteUserData</c> spans.</summary>
internal sealed class InstrumentedFaceEnrolmentService(FaceEnrolmentService inner, FaceVerifyMetrics metrics) : IFaceEnrolmentService
{
    public ValueTask<EnrolmentResult> EnrolAsync(string userId, ReadOnlyMemory<byte> photo, CancellationToken cancellationToken)
        => EnrolAsync(new EnrolmentRequest { UserId = userId, Photo = photo }, cancellationToken);

    public async ValueTask<EnrolmentResult> EnrolAsync(EnrolmentRequest request, CancellationToken cancellationToken)
    {
        using var activity = FaceVerifyTelemetry.ActivitySource.StartActivity("FaceVerify.Enrol");
        var started = Stopwatch.GetTimestamp();
        var tags = new TagList();
        try
        {
            var result = await inner.EnrolAsync(request, cancellationToken).ConfigureAwait(false);
            var outcome = result.Succeeded ? "enrolled" : FaceVerifyMetrics.Lower(result.Reason);
            tags.Add(FaceVerifyMetrics.OutcomeTag, outcome);
            FaceVerifyActivities.Outcome(activity, outcome);
            return result;
        }
        catch (Exception exception)
        {
            tags.Add(FaceVerifyMetrics.OutcomeTag, "error");
            tags.Add(FaceVerifyMetrics.ErrorTypeTag, exception.GetType().FullName);
            FaceVerifyActivities.Failed(activity, exception);
            throw;
        }
        finally
        {
            metrics.EnrolmentAttempts.Add(1, tags);
            metrics.EnrolmentDuration.Record(FaceVerifyMetrics.SecondsSince(started), tags);
        }
    }

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
