using System.ComponentModel;
using System.Diagnostics;

namespace FaceVerify.SampleHost;

/// <summary>
/// Runs tools/local-aws (the local face engine, and optionally DynamoDB and S3) with the shared launcher
/// (tools/local-aws/dotnet/LocalAwsLauncher.cs): installs its npm packages first when node_modules is missing, and
/// turns every start failure into one line saying what to do.
/// </summary>
internal sealed class LocalAwsProcess : IDisposable
{
    private readonly LocalAwsLauncher _launcher;

    private LocalAwsProcess(LocalAwsLauncher launcher) => _launcher = launcher;

    public LocalAwsEndpoints Endpoints => _launcher.Endpoints;

    public static string FindToolPath(string? configured, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured, contentRoot);
        }

        return LocalAwsLauncher.FindToolDirectory(contentRoot)
            ?? throw new SampleStartupException($"tools/local-aws was not found above {contentRoot}: run from a clone of the repository, set --FaceVerify:Sample:LocalAwsPath=DIR, or use real AWS with --FaceVerify:Sample:Mode=Aws.");
    }

    public static LocalAwsProcess Start(string toolPath, string node, IReadOnlyList<string> services, ILogger logger, TimeSpan timeout)
    {
        const string AwsMode = "or run without the local engine against real AWS: --FaceVerify:Sample:Mode=Aws";
        if (!Directory.Exists(Path.Combine(toolPath, "node_modules")))
        {
            SampleLog.InstallingPackages(logger, toolPath);
            RunToCompletion("npm", ["ci", "--no-audit", "--no-fund"], toolPath, TimeSpan.FromMinutes(10), AwsMode);
        }

        try
        {
            return new LocalAwsProcess(LocalAwsLauncher.Start(Path.Combine(toolPath, "bin", "start.js"), services, timeout, node, line => SampleLog.LocalAwsOutput(logger, line)));
        }
        catch (LocalAwsStartException e)
        {
            throw new SampleStartupException(e.Failure switch
            {
                LocalAwsStartFailure.NodeNotFound => $"Node.js was not found ('{node}'): install Node.js 20 or later with npm (or set --FaceVerify:Sample:NodePath=PATH), {AwsMode}.",
                LocalAwsStartFailure.BadReadyLine => $"The local face engine {e.Message}: update tools/local-aws.",
                _ => $"The local face engine (node bin/start.js in {toolPath}) {e.Message}. Try `cd tools/local-aws && npm ci`, {AwsMode}.",
            });
        }
    }

    public void Dispose() => _launcher.Dispose();

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
