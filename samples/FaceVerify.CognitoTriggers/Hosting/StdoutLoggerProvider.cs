using Microsoft.Extensions.Logging;

namespace FaceVerify.CognitoTriggers.Hosting;

/// <summary>One line per log entry on standard output, which Lambda sends to CloudWatch Logs.</summary>
internal sealed class StdoutLoggerProvider : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new StdoutLogger(categoryName);

    public void Dispose()
    {
    }

    private sealed class StdoutLogger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
            lock (Gate)
            {
                Console.Out.WriteLine(line);
                if (exception is not null)
                {
                    // The type and message only: stack traces stay out of the logs of a sample; messages carry no user data.
                    Console.Out.WriteLine($"  {exception.GetType().Name}: {exception.Message}");
                }
            }
        }
    }
}
