namespace FaceVerify.SampleHost;

/// <summary>
/// Something a new user must fix before the sample host can run (Node missing, npm ci failing, port busy, the local
/// engine not starting). <see cref="FirstRun"/> prints its one-line message, without a stack trace, and exits with code 2.
/// </summary>
internal sealed class SampleStartupException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const int ExitCode = 2;
}
