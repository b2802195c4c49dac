using System.Diagnostics;

namespace FaceVerify.SampleHost.Tests;

/// <summary>Runs the machine's ffmpeg (apt-get install ffmpeg) and fails with its error text.</summary>
internal static class Ffmpeg
{
    public static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-v");
        start.ArgumentList.Add("error");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg could not be started (apt-get install ffmpeg).");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg failed: {errors}");
        }
    }
}
