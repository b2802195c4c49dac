namespace FaceVerify.CognitoTriggers.Events;

/// <summary>
/// The event is not the Cognito (or S3) event the handler serves: not JSON, a wrong <c>triggerSource</c>, or a
/// required member missing or of the wrong type. Thrown before any work is done; the message names the member and
/// never echoes event values (they may hold personal data). Lambda reports it as the function's error, and Cognito
/// fails the sign-in with it.
/// </summary>
public sealed class MalformedEventException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MalformedEventException()
    {
    }

    /// <summary>Creates the exception with a message naming what is wrong.</summary>
    /// <param name="message">What is wrong.</param>
    public MalformedEventException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser's error.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public MalformedEventException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
