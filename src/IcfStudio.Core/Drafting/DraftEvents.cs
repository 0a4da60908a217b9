namespace IcfStudio.Core.Drafting;

/// <summary>A passage a section cites: [P12] → chunk, pages and section path of the protocol.</summary>
public sealed record Citation(string Key, long ChunkId, int PageStart, int PageEnd, string SectionPath);

/// <summary>
/// What the drafting pipeline emits. <see cref="Name"/> is the wire name used by the CLI's NDJSON and the SSE stream.
/// </summary>
public abstract record DraftEvent(string Name)
{
    public const string SectionStartName = "section_start";
    public const string TokenName = "token";
    public const string SectionCompleteName = "section_complete";
    public const string SectionErrorName = "section_error";
    public const string SectionQualityName = "section_quality";
    public const string CompleteName = "complete";
    public const string ErrorName = "error";
}

public sealed record SectionStarted(string SectionId, string Title, int Version) : DraftEvent(SectionStartName);

/// <summary>Only the new text, never the accumulated text.</summary>
public sealed record TokenDelta(string SectionId, string Content) : DraftEvent(TokenName);

/// <param name="Provider">The provider that wrote the text (a fallback one, when the draft's provider kept failing).</param>
/// <param name="Model">Its model; null for the offline drafter, which has just the one.</param>
public sealed record SectionCompleted(
    string SectionId,
    string Content,
    int WordCount,
    IReadOnlyList<Citation> Citations,
    int Version,
    string Provider,
    string? Model = null) : DraftEvent(SectionCompleteName)
{
    /// <summary>Who wrote the text, as a section version records it: <c>offline</c>, <c>anthropic:claude-…</c>.</summary>
    public string Author() => Model is null ? Provider : $"{Provider}:{Model}";
}

public sealed record SectionFailed(string SectionId, string Message, bool WillRetry) : DraftEvent(SectionErrorName);

/// <summary>Quality results of a section version (see Quality/).</summary>
public sealed record SectionQualityComputed(string SectionId, int Version, object Quality) : DraftEvent(SectionQualityName);

public sealed record DraftCompleted(
    string DraftId,
    int Completed,
    int Failed,
    long DurationMs,
    IReadOnlyDictionary<string, long> SectionDurationsMs) : DraftEvent(CompleteName);

public sealed record DraftFailed(string Message) : DraftEvent(ErrorName);
