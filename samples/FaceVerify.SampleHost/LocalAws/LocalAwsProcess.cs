using System.Diagnostics;
using System.Text.Json;

namespace FaceVerify.SampleHost;

/// <summary>
/// Runs tools/local-aws (the local face engine, and optionally DynamoDB and S3) as a child process: installs its npm
/// packages first when node_modules is missing, waits for the one JSON line with the endpoints, and stops the child
/// with the host (closing its stdin makes it exit even if this process is killed).
/// </summary>
internal sealed class LocalAwsProcess : IDisposable
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly Process _process;

    private LocalAwsProcess(Process process, LocalAwsEndpoints endpoints)
    {
        _process = process;
        Endpoints = endpoints;
    }

    public LocalAwsEndpoints Endpoints { get; }

    public static string FindToolPath(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "local-aws");
            if (File.Exists(Path.Combine(candidate, "bin", "start.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tools/local-aws was not found above {contentRoot}; set FaceVerify:Sample:LocalAwsPath.");
    }

    public static LocalAwsProcess Start(string toolPath, string node, IReadOnlyList<string> services, ILogger logger, TimeSpan timeout)
    {
        if (!Directory.Exists(Path.Combine(toolPath, "node_modules")))
        {
            SampleLog.InstallingPackages(logger, toolPath);
            RunToCompletion("npm", ["ci", "--no-audit", "--no-fund"], toolPath, TimeSpan.FromMinutes(10));
        }

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = toolPath,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("bin", "start.js"));
        start.ArgumentList.Add("--services");
        start.ArgumentList.Add(string.Join(',', services));
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {node}.");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                SampleLog.LocalAwsOutput(logger, line);
            }
        };
        process.BeginErrorReadLine();

        var readLine = process.StandardOutput.ReadLineAsync();
        if (!readLine.Wait(timeout) || readLine.Result is not { Length: > 0 } json)
        {
            Kill(process);
            throw new InvalidOperationException($"The local AWS stack did not report its endpoints within {timeout.TotalSeconds:0} s (see the [local-aws] log lines).");
        }

        var endpoints = JsonSerializer.Deserialize<LocalAwsEndpoints>(json, JsonOptions)
            ?? throw new InvalidOperationException("The local AWS stack printed no endpoints.");
        if (string.IsNullOrEmpty(endpoints.AccessKeyId) || string.IsNullOrEmpty(endpoints.SecretAccessKey))
        {
            // The engine makes random credentials per start; they come only from this line.
            Kill(process);
            throw new InvalidOperationException("The local AWS stack printed no credentials (accessKeyId, secretAccessKey).");
        }

        return new LocalAwsProcess(process, endpoints);
    }

    public void Dispose()
    {
        try
        {
            // Closing stdin asks start.js to stop its servers and exit.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                Kill(_process);
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static void RunToCompletion(string file, string[] arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        if (!process.WaitForExit(timeout) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', arguments)}' failed in {workingDirectory}.");
        }
    }
}
