namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>
/// The sample's <see cref="IEnrolmentApproval"/>: a re-enrolment is approved by a fresh sign-in with Cognito's e-mail
/// one-time code on the enrolment client (recorded by <see cref="Handlers.PostAuthenticationHandler"/>), used once.
/// As an <see cref="IEnrolmentObserver"/> it also spends that sign-in on a first enrolment, so the sign-in that set up
/// face login cannot later approve a replacement by someone holding the session.
/// </summary>
public sealed class EmailCodeEnrolmentApproval(IAttemptStore attempts) : IEnrolmentApproval, IEnrolmentObserver
{
    /// <summary>The user marker a sign-in on the enrolment client leaves.</summary>
    public const string MarkerName = "approval:email-code";

    /// <inheritdoc />
    public ValueTask<bool> ApproveReplacementAsync(EnrolmentApprovalArguments arguments, CancellationToken cancellationToken)
        => attempts.TryConsumeUserMarkerAsync(arguments.UserId, MarkerName, cancellationToken);

    /// <inheritdoc />
    public async ValueTask OnEnrolmentChangedAsync(EnrolmentChange change, CancellationToken cancellationToken)
    {
        if (change.Kind == EnrolmentChangeKind.Enrolled)
        {
            await attempts.TryConsumeUserMarkerAsync(change.UserId, MarkerName, cancellationToken).ConfigureAwait(false);
        }
    }
}
