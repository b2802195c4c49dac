using FaceVerify.LocalAws;

namespace FaceVerify.LoadTests;

/// <summary>
/// tools/local-aws (dynalite and s3rver) as a child process, started by the shared launcher
/// (tools/local-aws/dotnet/LocalAwsLauncher.cs): <c>node bin/start.js --services dynamodb,s3</c> prints one JSON line
/// with the endpoints and exits when its stdin closes, so it never outlives this process.
/// </summary>
internal static class LocalAwsStack
{
    public static LocalAwsLauncher Start(LoadOptions options)
    {
        var tool = string.IsNullOrEmpty(options.LocalAwsPath)
            ? LocalAwsLauncher.FindToolDirectory(Directory.GetCurrentDirectory(), AppContext.BaseDirectory)
                ?? throw new HarnessException("tools/local-aws was not found above the current directory; pass --local-aws-path.")
            : Path.GetFullPath(options.LocalAwsPath);
        if (!Directory.Exists(Path.Combine(tool, "node_modules")))
        {
            throw new HarnessException($"{tool}/node_modules is missing: run `npm ci` in {tool} first.");
        }

        try
        {
            return LocalAwsLauncher.Start(Path.Combine(tool, "bin", "start.js"), ["dynamodb", "s3"], TimeSpan.FromSeconds(60), options.NodePath);
        }
        catch (LocalAwsStartException e)
        {
            throw new HarnessException($"tools/local-aws did not start: {e.Message}.");
        }
    }
}
