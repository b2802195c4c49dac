namespace FaceVerify;

/// <summary>Face login with its instruments: <c>faceverify.login.attempts</c> and <c>.duration</c> by outcome and reason, and a <c>FaceVerify.Login</c> span.</summary>
internal sealed class InstrumentedFaceLoginService(IFaceLoginService inner, FaceVerifyMetrics metrics) : IFaceLoginService
{
    public ValueTask<FaceLoginResult> LoginAsync(string userId, string sessionId, CancellationToken cancellationToken)
        => MeasuredCall.RunAsync(
            "FaceVerify.Login",
            metrics.LoginAttempts,
            metrics.LoginDuration,
            () => inner.LoginAsync(userId, sessionId, cancellationToken),
            static result => result.Succeeded ? ("passed", "passed") : ("failed", FaceVerifyMetrics.ReasonCode(result.Reason)));
}
