namespace IcfStudio.Core.Drafting;

public enum SectionStatus
{
    Pending,
    Generating,
    Ready,
    Approved,
    Failed,
    Interrupted,
}

/// <summary>Why a section version exists.</summary>
public enum VersionReason
{
    Generated,
    Regenerated,
    Edited,
    Approved,
    Unapproved,
}

public sealed record DraftSection(
    string SectionId,
    string Title,
    int Order,
    SectionStatus Status,
    string Content,
    int WordCount,
    IReadOnlyList<Citation> Citations,
    int Version,
    string? Error = null);

/// <param name="ProfileVersion">The study profile version its sections were last written from; null: written before profiles existed.</param>
public sealed record DraftRecord(
    string DraftId,
    string StudyId,
    string Provider,
    string? Model,
    string Template,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<DraftSection> Sections,
    bool Offline,
    int? ProfileVersion = null);

/// <param name="Actor">The person (or CLI user) who made the change or asked for the text.</param>
/// <param name="Author">What wrote a generated or regenerated text (<c>offline</c>, <c>anthropic:claude-…</c>); null for a person's change.</param>
public sealed record SectionVersion(
    string SectionId,
    int Version,
    string Content,
    IReadOnlyList<Citation> Citations,
    VersionReason Reason,
    string Actor,
    DateTimeOffset At,
    string? Feedback,
    SectionStatus Status,
    string? Author = null);

/// <summary>A persisted stream event. <see cref="Sequence"/> is the SSE id: 1, 2, 3 … per draft.</summary>
public sealed record StoredDraftEvent(long Sequence, string Name, string DataJson);

/// <summary>Events of one draft to append, in sequence order.</summary>
public sealed record DraftEventBatch(string DraftId, IReadOnlyList<StoredDraftEvent> Events);

public sealed record AuditEntry(
    long Sequence,
    string DraftId,
    DateTimeOffset At,
    string Actor,
    string Action,
    string? SectionId,
    int? Version,
    string? ContentSha256,
    string? Detail);
