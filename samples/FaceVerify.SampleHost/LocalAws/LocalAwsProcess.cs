using System.ComponentModel;
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

        throw new SampleStartupException($"tools/local-aws was not found above {contentRoot}: run from a clone of the repository, set --FaceVerify:Sample:LocalAwsPath=DIR, or use real AWS with --FaceVerify:Sample:Mode=Aws.");
    }

    public static LocalAwsProcess Start(string toolPath, string node, IReadOnlyList<string> services, ILogger logger, TimeSpan timeout)
    {
        const string AwsMode = "or run without the local engine against real AWS: --FaceVerify:Sample:Mode=Aws";
        if (!Directory.Exists(Path.Combine(toolPath, "node_modules")))
        {
            SampleLog.InstallingPackages(logger, toolPath);
            RunToCompletion("npm", ["ci", "--no-audit", "--no-fund"], toolPath, TimeSpan.FromMinutes(10), AwsMode);
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
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new SampleStartupException($"Node.js was not found ('{node}'): install Node.js 20 or later with npm (or set --FaceVerify:Sample:NodePath=PATH), {AwsMode}.");
        }

        string? lastError = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lastError = line;
                SampleLog.LocalAwsOutput(logger, line);
            }
        };
        process.BeginErrorReadLine();

        var readLine = process.StandardOutput.ReadLineAsync();
        var reported = readLine.Wait(timeout);
        LocalAwsEndpoints? endpoints = null;
        try
        {
            endpoints = reported && readLine.Result is { Length: > 0 } json ? JsonSerializer.Deserialize<LocalAwsEndpoints>(json, JsonOptions) : null;
        }
        catch (JsonException)
        {
        }

        if (endpoints is null)
        {
            var exited = process.WaitForExit(TimeSpan.FromSeconds(reported ? 2 : 0));
            var why = exited ? $"exited with code {process.ExitCode} before it was ready" : $"did not report its endpoints within {timeout.TotalSeconds:0} s";
            Kill(process);
            process.Dispose();
            throw new SampleStartupException($"The local face engine (node bin/start.js in {toolPath}) {why}{(lastError is null ? "" : ": " + lastError)}. Try `cd tools/local-aws && npm ci`, {AwsMode}.");
        }

        if (string.IsNullOrEmpty(endpoints.AccessKeyId) || string.IsNullOrEmpty(endpoints.SecretAccessKey))
        {
            // The engine makes random credentials per start; they come only from this line.
            Kill(process);
            process.Dispose();
            throw new SampleStartupException("The local face engine printed no credentials (accessKeyId, secretAccessKey) on its ready line: update tools/local-aws.");
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

    private static void RunToCompletion(string file, string[] arguments, string workingDirectory, TimeSpan timeout, string alternative)
    {
        var command = $"{file} {string.Join(' ', arguments)}";
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new SampleStartupException($"{workingDirectory} has no node_modules and {file} was not found to run `{command}`: install Node.js 20 or later with npm, then run `npm ci` there, {alternative}.");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                Kill(process);
                throw new SampleStartupException($"`{command}` in {workingDirectory} did not finish within {timeout.TotalMinutes:0} min: run it by hand to see why, {alternative}.");
            }

            if (process.ExitCode != 0)
            {
                var last = (errors.Result + "\n" + output.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(l => l.Contains("ERR", StringComparison.Ordinal)) ?? "";
                throw new SampleStartupException($"`{command}` failed in {workingDirectory} (exit code {process.ExitCode}{(last.Length > 0 ? ": " + last : "")}): run it by hand to see why, {alternative}.");
            }
        }
    }
}
