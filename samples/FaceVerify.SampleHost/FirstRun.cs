namespace FaceVerify.SampleHost;

/// <summary>
/// Turns what a new user must fix before the sample host can run (<see cref="SampleStartupException"/>: Node missing,
/// npm ci failing, port busy, the local engine not starting) into one line on stderr and exit code 2, instead of an
/// unhandled exception's stack trace.
/// </summary>
internal static class FirstRun
{
    public static T Guard<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (SampleStartupException ex)
        {
            return Exit<T>(ex.Message, null);
        }
    }

    public static void Guard(Action step) => Guard(() =>
    {
        step();
        return 0;
    });

    /// <summary>Runs the host; a port taken between the start-up check and Kestrel's bind still ends in one line.</summary>
    public static void Guard(Action run, string urls, IDisposable? local)
    {
        try
        {
            run();
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            Exit<int>($"{urls} is already in use: stop the program using it, or choose another port with --urls http://127.0.0.1:PORT.", local);
        }
    }

    private static T Exit<T>(string message, IDisposable? local)
    {
        Console.Error.WriteLine("FaceVerify sample host: " + message);
        local?.Dispose();
        Environment.Exit(SampleStartupException.ExitCode);
        return default!;
    }
}
