namespace FaceVerify.LoadTests;

/// <summary>Something in a load run did not behave as the scenario requires (the run then exits non-zero).</summary>
internal sealed class HarnessException : Exception
{
    public HarnessException()
    {
    }

    public HarnessException(string message)
        : base(message)
    {
    }

    public HarnessException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
