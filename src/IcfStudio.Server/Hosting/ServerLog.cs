namespace IcfStudio.Server.Hosting;

/// <summary>Server log messages. Never log protocol text, prompts or drafts above Debug.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Path}")]
    public static partial void UnhandledException(ILogger logger, string exceptionType, PathString path);

    // The exception message may quote protocol or draft text, so the full exception goes to Debug only.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Unhandled exception detail")]
    public static partial void UnhandledExceptionDetail(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Information, Message = "Run ({Kind}) started for draft {DraftId}")]
    public static partial void RunStarted(ILogger logger, string kind, string draftId);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Run ({Kind}) finished for draft {DraftId} after {EventCount} events")]
    public static partial void RunFinished(ILogger logger, string kind, string draftId, long eventCount);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Information, Message = "Run ({Kind}) cancelled for draft {DraftId}")]
    public static partial void RunCancelled(ILogger logger, string kind, string draftId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Error, Message = "Run ({Kind}) failed for draft {DraftId}: {ExceptionType}")]
    public static partial void RunFailed(ILogger logger, string kind, string draftId, string exceptionType);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Debug, Message = "Run failure detail")]
    public static partial void RunFailedDetail(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Information, Message = "Marked {Count} unfinished sections as interrupted after a restart")]
    public static partial void MarkedInterrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Warning, Message = "Event stream subscriber of draft {DraftId} fell behind by more than {Capacity} events; its stream is closed so it resumes from storage")]
    public static partial void SubscriberOverflow(ILogger logger, string draftId, int capacity);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Warning, Message = "Draft {DraftId}: events arrived with a gap before sequence {Sequence}; delivering in order without the missing ones")]
    public static partial void SequenceGap(ILogger logger, string draftId, long sequence);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "Upload {UploadId}: {FileCount} files, {TotalBytes} bytes")]
    public static partial void UploadReceived(ILogger logger, string uploadId, int fileCount, long totalBytes);
}
