namespace FaceVerify.Cli;

/// <summary>Parses the command line by hand (no dependency) and dispatches to a command.</summary>
internal static class CommandLine
{
    /// <summary>Exit code: the challenge was passed, or help was shown.</summary>
    public const int Passed = 0;

    /// <summary>Exit code: the challenge was failed or never decided.</summary>
    public const int Failed = 1;

    /// <summary>Exit code: the command line or the input is invalid.</summary>
    public const int InvalidInput = 2;

    public const string Usage = """
        Usage:
          faceverify replay FILE     Re-run a challenge decision from a replay file ("-" reads standard input).
          faceverify --help          Show this help.

        The replay file is JSON:
          {"challengeType":"nose"|"pose",
           "parameters":{...the session's parameters...},
           "frames":[{"timestampMs":0,"faceDetails":[...Rekognition FaceDetail objects...]}, ...]}
        Frames are judged in the order given; timestampMs stands in for the server receive time.
        "faceDetails":null marks a frame that was not analysed (the sparse strategy skipped it): it is not judged,
        but keeps its place in the frame numbering.

        Output (standard output): {"outcome":"passed"|"failed","reason":"...","decidedAtFrame":N|null[,"detail":"..."]}
        Exit codes: 0 passed, 1 failed or not decided, 2 invalid input (message on standard error).
        """;

    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 1 && args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(Usage);
            return Passed;
        }

        if (args.Count == 2 && args[0] == "replay")
        {
            return args[1] == "-" ? ReplayCommand.Run(input, output, error) : ReplayCommand.RunFile(args[1], output, error);
        }

        error.WriteLine(args.Count == 0 ? "faceverify: a command is required." : $"faceverify: unknown arguments: {string.Join(' ', args)}");
        error.WriteLine(Usage);
        return InvalidInput;
    }
}
