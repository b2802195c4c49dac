namespace FaceVerify.Cli;

/// <summary>The replay input is not valid; the message says why.</summary>
internal sealed class ReplayInputException : Exception
{
    public ReplayInputException()
    {
    }

    public ReplayInputException(string message)
        : base(message)
    {
    }

    public ReplayInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
