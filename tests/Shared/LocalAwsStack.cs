using System.Diagnostics;
using System.Text.Json;

namespace FaceVerify.Tests.Shared;

/// <summary>
/// The local AWS stack of <c>tools/local-aws</c> (DynamoDB on dynalite, S3 on s3rver, the Rekognition-compatible face
/// engine), started once per service set with <c>node tools/local-aws/bin/start.js --services …</c>, shared by the
/// tests, and stopped by each test project's LocalAwsStackTeardown (stdin closed, then killed). Linked into the
/// projects that need it (tests/Shared), so there is one copy.
/// Set <c>FACEVERIFY_LOCAL_AWS_SCRIPT</c> to use another start script.
/// </summary>
internal sealed class LocalAwsStack : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, LocalAwsStack> Running = new(StringComparer.Ordinal);
    private readonly Process _process;

    private LocalAwsStack(Process process, JsonElement endpoints)
    {
        _process = process;
        DynamoDb = Get(endpoints, "dynamodb");
        S3 = Get(endpoints, "s3");
        Rekognition = Get(endpoints, "rekognition");
        Region = Get(endpoints, "region") ?? "us-east-1";
        // The engine makes random credentials per start and prints them on its ready line (never fixed ones).
        AccessKeyId = Get(endpoints, "accessKeyId") ?? throw new InvalidOperationException("The local AWS stack printed no accessKeyId.");
        SecretAccessKey = Get(endpoints, "secretAccessKey") ?? throw new InvalidOperationException("The local AWS stack printed no secretAccessKey.");
    }

    public string? DynamoDb { get; }

    public string? S3 { get; }

    public string? Rekognition { get; }

    public string Region { get; }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FaceVerify.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("FaceVerify.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Script => Environment.GetEnvironmentVariable("FACEVERIFY_LOCAL_AWS_SCRIPT") is { Length: > 0 } script
        ? script
        : Path.Combine(RepositoryRoot, "tools", "local-aws", "bin", "start.js");

    /// <summary>The running stack for <paramref name="services"/>, started on first use.</summary>
    public static async Task<LocalAwsStack> GetAsync(string services)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Running.TryGetValue(services, out var stack))
            {
                stack = await StartAsync(services);
                Running.Add(services, stack);
            }

            return stack;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task StopAllAsync()
    {
        await Gate.WaitAsync();
        try
        {
            foreach (var stack in Running.Values)
            {
                await stack.DisposeAsync();
            }

            Running.Clear();
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // Fall through to kill.
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task<LocalAwsStack> StartAsync(string services)
    {
        var script = Script;
        if (!File.Exists(script))
        {
            throw new FileNotFoundException($"The local AWS stack script is missing: {script}. Run 'cd tools/local-aws && npm ci' in the repository.", script);
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(script))!,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--services");
        start.ArgumentList.Add(services);
        var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The local AWS stack exited before it was ready: {errors}");
                if (line.TrimStart().StartsWith('{'))
                {
                    using var json = JsonDocument.Parse(line);
                    // Keep draining stdout so the child never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return new LocalAwsStack(process, json.RootElement.Clone());
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    private static string? Get(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
