using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FaceVerify.SecurityTests.Infrastructure;

/// <summary>A logger provider that keeps every entry at Error or above, and every entry carrying an exception.</summary>
internal sealed class ErrorLogCollector : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Collector(ErrorLogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error || exception is not null)
            {
                owner.Errors.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
            }
        }
    }
}
