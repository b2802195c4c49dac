namespace FaceVerify;

/// <summary>
/// An application's confirmation that a user may replace their enrolled reference face (a step-up besides a fresh
/// face login with the current reference), e.g. a one-time code sent to the user's e-mail address. Register with
/// <c>AddEnrolmentApproval&lt;T&gt;()</c>; when several are registered, one approval is enough.
/// </summary>
public interface IEnrolmentApproval
{
    /// <summary>Decides whether the replacement described by <paramref name="arguments"/> is approved. Called once per replacement attempt.</summary>
    /// <param name="arguments">The user and the confirmation the request carried.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> to approve; an approval should be single-use.</returns>
    ValueTask<bool> ApproveReplacementAsync(EnrolmentApprovalArguments arguments, CancellationToken cancellationToken);
}
