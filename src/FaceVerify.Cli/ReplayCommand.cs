using System.Text.Json;

namespace FaceVerify.Cli;

/// <summary><c>faceverify replay</c>: re-runs a challenge decision from recorded analyses and prints the outcome as JSON.</summary>
internal static class ReplayCommand
{
    private static readonly IChallenge[] Challenges = [new NoseTargetChallenge(), new PoseChallenge()];

    /// <summary>Replays the file at <paramref name="path"/>.</summary>
    public static int RunFile(string path, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error.WriteLine($"faceverify: cannot read '{path}': {ex.Message}");
            return CommandLine.InvalidInput;
        }

        return Run(new StringReader(text), output, error);
    }

    /// <summary>Replays the JSON read from <paramref name="input"/>; writes the outcome to <paramref name="output"/> and problems to <paramref name="error"/>.</summary>
    /// <returns>0 passed, 1 failed or undecided, 2 invalid input.</returns>
    public static int Run(TextReader input, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        ReplayOutcome outcome;
        try
        {
            var replay = ReplayInput.Parse(input.ReadToEnd());
            outcome = replay.Run();
        }
        catch (ReplayInputException ex)
        {
            error.WriteLine($"faceverify: invalid input: {ex.Message}");
            return CommandLine.InvalidInput;
        }

        output.WriteLine(outcome.ToJson());
        return outcome.Passed ? CommandLine.Passed : CommandLine.Failed;
    }

    /// <summary>The challenge registered under <paramref name="type"/> (case-insensitive), if any.</summary>
    public static IChallenge? FindChallenge(string type)
    {
        foreach (var challenge in Challenges)
        {
            if (string.Equals(challenge.Type, type, StringComparison.OrdinalIgnoreCase))
            {
                return challenge;
            }
        }

        return null;
    }

    /// <summary>The known challenge type names.</summary>
    public static string KnownTypes => string.Join(", ", Challenges.Select(c => c.Type));
}
