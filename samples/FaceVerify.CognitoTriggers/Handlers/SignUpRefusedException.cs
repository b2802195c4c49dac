namespace FaceVerify.CognitoTriggers.Handlers;

/// <summary>
/// The PreSignUp trigger refuses a sign-up. Cognito shows the message to the client
/// (<c>UserLambdaValidationException: PreSignUp failed with error …</c>), so it is short and user-facing.
/// </summary>
public sealed class SignUpRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SignUpRefusedException()
    {
    }

    /// <summary>Creates the exception with a user-facing message.</summary>
    /// <param name="message">Why the sign-up is refused.</param>
    public SignUpRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and a cause.</summary>
    /// <param name="message">Why the sign-up is refused.</param>
    /// <param name="innerException">The cause.</param>
    public SignUpRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
