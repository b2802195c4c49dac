namespace FaceVerify;

/// <summary>
/// Told after every enrolment, replacement and deletion of a user's reference face, e.g. to notify the user ("your
/// face login was set up / changed / removed"). Register with <c>AddEnrolmentObserver&lt;T&gt;()</c>. Called after the
/// change is stored; an observer that throws is logged and does not undo the change.
/// </summary>
public interface IEnrolmentObserver
{
    /// <summary>Receives one change.</summary>
    /// <param name="change">What changed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when handled.</returns>
    ValueTask OnEnrolmentChangedAsync(EnrolmentChange change, CancellationToken cancellationToken);
}
