using System.Diagnostics;
using System.Text;

namespace FaceVerify.SampleHost.Tests;

/// <summary>Runs the built sample host to its exit (for start-up failures) and keeps everything it printed.</summary>
internal sealed record HostRun(int ExitCode, string Output)
{
    /// <summary>The printed lines that are not blank.</summary>
    public IReadOnlyList<string> Lines => [.. Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static async Task<HostRun> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var dll = Path.Combine(Repository.SampleHostDirectory, "bin", Repository.Configuration, "net10.0", "FaceVerify.SampleHost.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Repository.SampleHostDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the sample host.");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                Assert.Fail($"The sample host did not exit within 2 minutes:\n{output}");
            }
        }

        process.WaitForExit(); // flushes the asynchronous output readers
        lock (output)
        {
            return new HostRun(process.ExitCode, output.ToString());
        }
    }
}
