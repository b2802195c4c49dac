namespace FaceVerify.SampleHost;

/// <summary>Source-generated log messages of the sample host.</summary>
internal static partial class SampleLog
{
    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Installing the local AWS stack's npm packages (npm ci in {Path}); this happens once.")]
    public static partial void InstallingPackages(ILogger logger, string path);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Information, Message = "{Line}")]
    public static partial void LocalAwsOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 9003, Level = LogLevel.Information, Message = "FaceVerify sample host ({Mode}) is ready: open {Urls} in a browser.")]
    public static partial void Ready(ILogger logger, SampleMode mode, string urls);

    [LoggerMessage(EventId = 9004, Level = LogLevel.Warning, Message = "FaceVerify:Sample:FixedSeed is set: challenge parameters are PREDICTABLE. Test use only.")]
    public static partial void FixedSeed(ILogger logger);

    [LoggerMessage(EventId = 9005, Level = LogLevel.Information, Message = "Face collection, table and bucket are ready.")]
    public static partial void ResourcesReady(ILogger logger);
}
