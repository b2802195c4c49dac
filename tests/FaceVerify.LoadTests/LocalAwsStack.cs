using System.Diagnostics;
using System.Text.Json;

namespace FaceVerify.LoadTests;

/// <summary>
/// tools/local-aws (dynalite and s3rver) as a child process: <c>node bin/start.js --services dynamodb,s3</c> prints one
/// JSON line with the endpoints and exits when its stdin closes, so it never outlives this process.
/// </summary>
internal sealed class LocalAwsStack : IDisposable
{
    private readonly Process _process;

    private LocalAwsStack(Process process, JsonElement endpoints)
    {
        _process = process;
        DynamoDb = endpoints.GetProperty("dynamodb").GetString()!;
        S3 = endpoints.GetProperty("s3").GetString()!;
        Region = endpoints.TryGetProperty("region", out var region) ? region.GetString()! : "us-east-1";
        // Random per start, printed on the ready line: never fixed credentials.
        AccessKeyId = endpoints.GetProperty("accessKeyId").GetString()!;
        SecretAccessKey = endpoints.GetProperty("secretAccessKey").GetString()!;
    }

    public string DynamoDb { get; }

    public string S3 { get; }

    public string Region { get; }

    public string AccessKeyId { get; }

    public string SecretAccessKey { get; }

    public static LocalAwsStack Start(LoadOptions options)
    {
        var tool = FindTool(options.LocalAwsPath);
        if (!Directory.Exists(Path.Combine(tool, "node_modules")))
        {
            throw new HarnessException($"{tool}/node_modules is missing: run `npm ci` in {tool} first.");
        }

        var start = new ProcessStartInfo(options.NodePath)
        {
            WorkingDirectory = tool,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine("bin", "start.js"));
        start.ArgumentList.Add("--services");
        start.ArgumentList.Add("dynamodb,s3");
        var process = Process.Start(start) ?? throw new HarnessException($"Could not start {options.NodePath}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(60)) || line.Result is not { Length: > 0 } json)
        {
            Stop(process);
            throw new HarnessException("tools/local-aws did not report its endpoints within 60 s.");
        }

        using var document = JsonDocument.Parse(json);
        return new LocalAwsStack(process, document.RootElement.Clone());
    }

    public void Dispose() => Stop(_process);

    private static void Stop(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(10_000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static string FindTool(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        foreach (var root in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "tools", "local-aws");
                if (File.Exists(Path.Combine(candidate, "bin", "start.js")))
                {
                    return candidate;
                }
            }
        }

        throw new HarnessException("tools/local-aws was not found above the current directory; pass --local-aws-path.");
    }
}
