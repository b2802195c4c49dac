using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// The scheduled function (an EventBridge schedule, hourly in template.yaml): Lambda runs no hosted services, so this
/// handler does what FaceVerify's two expiry hosted services do elsewhere, bounded to one pass each per invocation:
/// <see cref="ISessionExpirySweeper.SweepAsync"/> records sessions that expired without a verify as Expired, and
/// <see cref="IEnrolmentExpirySweeper.SweepAsync"/> ends enrolments whose <c>EnrolmentRetention</c> is over (the face
/// leaves the collection, the reference photo the bucket). Each pass handles at most its sweeper's <c>BatchSize</c>
/// entries; the rest waits for the next invocation. The event's content is not read. A failing sweeper does not stop
/// the other; the invocation then fails with its error, so Lambda records the failure. Answers
/// <c>{"sessionsExpired":n,"enrolmentsExpired":m}</c> and logs the same counts.
/// </summary>
public sealed class ExpirySweepHandler(
    ISessionExpirySweeper sessions,
    IEnrolmentExpirySweeper enrolments,
    ILogger<ExpirySweepHandler> logger) : ICognitoTrigger
{
    /// <inheritdoc />
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (sessionsExpired, sessionsFailure) = await SweepAsync("session", sessions.SweepAsync, cancellationToken).ConfigureAwait(false);
        var (enrolmentsExpired, enrolmentsFailure) = await SweepAsync("enrolment", enrolments.SweepAsync, cancellationToken).ConfigureAwait(false);
        TriggerLog.ExpirySwept(logger, sessionsExpired, enrolmentsExpired);

        if (sessionsFailure is not null && enrolmentsFailure is not null)
        {
            throw new AggregateException("Both expiry sweeps failed.", sessionsFailure.SourceException, enrolmentsFailure.SourceException);
        }

        (sessionsFailure ?? enrolmentsFailure)?.Throw();
        var response = new JsonObject { ["sessionsExpired"] = sessionsExpired, ["enrolmentsExpired"] = enrolmentsExpired };
        return new MemoryStream(System.Text.Encoding.UTF8.GetBytes(response.ToJsonString()));
    }

    private async Task<(int Count, ExceptionDispatchInfo? Failure)> SweepAsync(string sweep, Func<CancellationToken, ValueTask<int>> pass, CancellationToken cancellationToken)
    {
        try
        {
            return (await pass(cancellationToken).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TriggerLog.ExpirySweepFailed(logger, exception, sweep);
            return (0, ExceptionDispatchInfo.Capture(exception));
        }
    }
}
