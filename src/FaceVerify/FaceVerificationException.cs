namespace FaceVerify;

/// <summary>
/// The one exception type for infrastructure faults (an analyzer, store or network failing after the resilience
/// pipeline gave up) and for misconfiguration detected at run time. Expected outcomes (a failed challenge, an expired
/// session, a face below threshold) are never exceptions.
/// </summary>
public sealed class FaceVerificationException : Exception
{
    /// <summary>Creates an exception.</summary>
    public FaceVerificationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public FaceVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public FaceVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
