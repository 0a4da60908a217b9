using Microsoft.Extensions.Logging;

namespace IcfStudio.Server.Tests.Infrastructure;

/// <summary>Temporary diagnostics: appends log lines with exceptions to a file.</summary>
internal sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new FileLogger(path, categoryName);

    public void Dispose()
    {
    }

    private sealed class FileLogger(string path, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                lock (typeof(FileLogger))
                {
                    File.AppendAllText(path, $"{logLevel} {category}: {formatter(state, exception)}\n{exception}\n");
                }
            }
        }
    }
}
