using Microsoft.Extensions.Options;

namespace FaceVerify;

/// <summary>
/// The registered <see cref="IFaceLoginService"/>: <see cref="FaceLoginService"/> behind the limits every path must
/// hold — a per-user attempt limit (<see cref="FaceVerificationOptions.MaxLoginsPerUser"/> per
/// <see cref="FaceVerificationOptions.AttemptWindow"/>, a counter that deleting one's data does not reset) and the
/// engine-call bound shared with frame analysis (<see cref="AnalysisGate"/>). A successful login leaves the step-up
/// marker that lets the user replace their reference within <see cref="FaceVerificationOptions.StepUpWindow"/>.
/// </summary>
internal sealed class LimitedFaceLoginService(
    FaceLoginService inner,
    IAttemptStore attempts,
    AnalysisGate gate,
    IOptions<FaceVerificationOptions> options,
    TimeProvider time) : IFaceLoginService
{
    private readonly FaceVerificationOptions _options = options.Value;

    public async ValueTask<FaceLoginResult> LoginAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(sessionId);
        var count = await attempts.TryCountAttemptAsync(EnrolmentKeys.LoginCounter(userId), time.GetUtcNow(), _options.AttemptWindow, _options.MaxLoginsPerUser, cancellationToken).ConfigureAwait(false);
        if (!count.Allowed)
        {
            return new FaceLoginResult(FaceLoginReason.LockedOut, Detail: "Too many login attempts; try again later.");
        }

        FaceLoginResult result;
        using (await gate.EnterAuxiliaryAsync(cancellationToken).ConfigureAwait(false))
        {
            result = await inner.LoginAsync(userId, sessionId, cancellationToken).ConfigureAwait(false);
        }

        if (result.Succeeded)
        {
            await attempts.SetUserMarkerAsync(userId, EnrolmentKeys.FaceLoginStepUp, time.GetUtcNow() + _options.StepUpWindow, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
