// The one launcher of the local Node stack (tools/local-aws/bin/start.js), compiled as a linked source file into the
// projects that start it: tests (tests/Shared/LocalAwsStack.cs), the load harness and the sample host.
using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace FaceVerify.LocalAws;

/// <summary>The JSON line bin/start.js prints when its services are ready, with the credentials it made for this start.</summary>
internal sealed record LocalAwsEndpoints(string? Rekognition, string? DynamoDb, string? S3, string Region, string AccessKeyId, string SecretAccessKey);

/// <summary>Why the local stack did not start.</summary>
internal enum LocalAwsStartFailure
{
    /// <summary>The start script does not exist.</summary>
    ScriptMissing,

    /// <summary>The node executable was not found.</summary>
    NodeNotFound,

    /// <summary>The process exited before printing its ready line (<see cref="LocalAwsStartException.ExitCode"/>).</summary>
    ExitedEarly,

    /// <summary>No ready line within the timeout.</summary>
    NotReady,

    /// <summary>The ready line was not JSON or lacked the per-start credentials.</summary>
    BadReadyLine,
}

/// <summary>The local stack did not start; <see cref="Failure"/> says why, <see cref="LastError"/> is its last stderr line.</summary>
internal sealed class LocalAwsStartException(LocalAwsStartFailure failure, string message, int? exitCode = null, string? lastError = null, Exception? inner = null)
    : Exception(message + (lastError is null ? "" : ": " + lastError), inner)
{
    public LocalAwsStartFailure Failure { get; } = failure;

    public int? ExitCode { get; } = exitCode;

    public string? LastError { get; } = lastError;
}

/// <summary>
/// Runs <c>node bin/start.js --services …</c> as a child process, waits for the one JSON line with the endpoints and
/// per-start credentials, keeps draining its output, and stops it on dispose (closing stdin makes start.js stop its
/// servers and exit, even if this process dies; a child that lingers is killed with its tree).
/// </summary>
internal sealed class LocalAwsLauncher : IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private int _disposed;

    private LocalAwsLauncher(Process process, LocalAwsEndpoints endpoints)
    {
        _process = process;
        Endpoints = endpoints;
    }

    public LocalAwsEndpoints Endpoints { get; }

    /// <summary>The tools/local-aws directory (holding bin/start.js) in or above one of <paramref name="startDirectories"/>, or null.</summary>
    public static string? FindToolDirectory(params IEnumerable<string> startDirectories)
    {
        foreach (var start in startDirectories)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "local-aws");
                if (File.Exists(Path.Combine(candidate, "bin", "start.js")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Starts the stack and waits for its ready line (blocking; see <see cref="StartAsync"/>).</summary>
    public static LocalAwsLauncher Start(string script, IEnumerable<string> services, TimeSpan readyTimeout, string node = "node", Action<string>? standardError = null)
        => StartAsync(script, services, readyTimeout, node, standardError).GetAwaiter().GetResult();

    /// <summary>Starts <paramref name="script"/> (bin/start.js; the working directory is the tool directory above bin/) and waits for its ready line.</summary>
    /// <exception cref="LocalAwsStartException">The stack did not start; the child is stopped.</exception>
    public static async Task<LocalAwsLauncher> StartAsync(string script, IEnumerable<string> services, TimeSpan readyTimeout, string node = "node", Action<string>? standardError = null)
    {
        if (!File.Exists(script))
        {
            throw new LocalAwsStartException(LocalAwsStartFailure.ScriptMissing, $"The local AWS stack script is missing: {script}");
        }

        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(script)))!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.GetFullPath(script));
        start.ArgumentList.Add("--services");
        start.ArgumentList.Add(string.Join(',', services));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception e)
        {
            throw new LocalAwsStartException(LocalAwsStartFailure.NodeNotFound, $"Node.js was not found ('{node}')", inner: e);
        }

        string? lastError = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                lastError = line;
                standardError?.Invoke(line);
            }
        };
        process.BeginErrorReadLine();

        try
        {
            var line = await ReadReadyLineAsync(process, readyTimeout).ConfigureAwait(false);
            if (line is null)
            {
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                try
                {
                    await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                throw process.HasExited
                    ? new LocalAwsStartException(LocalAwsStartFailure.ExitedEarly, $"exited with code {process.ExitCode} before it was ready", process.ExitCode, lastError)
                    : new LocalAwsStartException(LocalAwsStartFailure.NotReady, $"did not report its endpoints within {readyTimeout.TotalSeconds:0} s", lastError: lastError);
            }

            // Keep draining stdout so the child never blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
            return new LocalAwsLauncher(process, Parse(line));
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Stop(_process);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<string?> ReadReadyLineAsync(Process process, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancel.Token).ConfigureAwait(false) is { } line)
            {
                if (line.TrimStart().StartsWith('{'))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return null;
    }

    private static LocalAwsEndpoints Parse(string line)
    {
        try
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var accessKeyId = Get(root, "accessKeyId");
            var secretAccessKey = Get(root, "secretAccessKey");
            if (string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey))
            {
                // The engine makes random credentials per start; they come only from this line.
                throw new LocalAwsStartException(LocalAwsStartFailure.BadReadyLine, "printed no credentials (accessKeyId, secretAccessKey) on its ready line");
            }

            return new LocalAwsEndpoints(Get(root, "rekognition"), Get(root, "dynamodb"), Get(root, "s3"), Get(root, "region") ?? "us-east-1", accessKeyId, secretAccessKey);
        }
        catch (JsonException e)
        {
            throw new LocalAwsStartException(LocalAwsStartFailure.BadReadyLine, "printed a ready line that is not JSON", inner: e);
        }
    }

    private static string? Get(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(StopGrace))
            {
                Kill(process);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            Kill(process);
        }
        finally
        {
            process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }
}
