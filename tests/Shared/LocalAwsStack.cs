using FaceVerify.LocalAws;

namespace FaceVerify.Tests.Shared;

/// <summary>
/// The local AWS stack of <c>tools/local-aws</c> (DynamoDB on dynalite, S3 on s3rver, the Rekognition-compatible face
/// engine) for tests: started once per service set with tools/local-aws/dotnet/LocalAwsLauncher.cs (the one launcher,
/// also used by the load harness and the sample host), shared by the tests, and stopped by each test project's
/// LocalAwsStackTeardown. Linked into the projects that need it (tests/Shared), so there is one copy.
/// Set <c>FACEVERIFY_LOCAL_AWS_SCRIPT</c> to use another start script.
/// </summary>
internal sealed class LocalAwsStack : IAsyncDisposable
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, LocalAwsStack> Running = new(StringComparer.Ordinal);
    private readonly LocalAwsLauncher _launcher;

    private LocalAwsStack(LocalAwsLauncher launcher) => _launcher = launcher;

    public string? DynamoDb => _launcher.Endpoints.DynamoDb;

    public string? S3 => _launcher.Endpoints.S3;

    public string? Rekognition => _launcher.Endpoints.Rekognition;

    public string Region => _launcher.Endpoints.Region;

    public string AccessKeyId => _launcher.Endpoints.AccessKeyId;

    public string SecretAccessKey => _launcher.Endpoints.SecretAccessKey;

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

    public ValueTask DisposeAsync() => _launcher.DisposeAsync();

    private static async Task<LocalAwsStack> StartAsync(string services)
    {
        try
        {
            return new LocalAwsStack(await LocalAwsLauncher.StartAsync(Script, services.Split(','), TimeSpan.FromSeconds(90)));
        }
        catch (LocalAwsStartException e) when (e.Failure == LocalAwsStartFailure.ScriptMissing)
        {
            throw new FileNotFoundException($"{e.Message}. Run 'cd tools/local-aws && npm ci' in the repository.", Script, e);
        }
    }
}
