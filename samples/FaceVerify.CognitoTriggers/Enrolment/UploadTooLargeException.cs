namespace FaceVerify.CognitoTriggers.Enrolment;

/// <summary>An upload is larger than the handler reads.</summary>
public sealed class UploadTooLargeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UploadTooLargeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public UploadTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UploadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
