using IcfStudio.Core.Drafting;

namespace IcfStudio.Core.Storage;

/// <summary>Drafts, every section version, the event log (for SSE replay) and the append-only audit log.</summary>
public interface IDraftStore
{
    /// <summary>Creates a draft whose sections are all <see cref="SectionStatus.Pending"/> at version 0.</summary>
    Task CreateDraftAsync(DraftRecord draft, string actor, CancellationToken cancellationToken = default);

    Task<DraftRecord?> FindDraftAsync(string draftId, CancellationToken cancellationToken = default);

    /// <summary>Drafts of one study (or of all studies), newest first.</summary>
    Task<IReadOnlyList<DraftRecord>> ListDraftsAsync(string? studyId, CancellationToken cancellationToken = default);

    /// <summary>Records the study profile version the draft's sections are being written from.</summary>
    Task SetProfileVersionAsync(string draftId, int profileVersion, CancellationToken cancellationToken = default);

    /// <summary>Sets a section's status (and error text) without creating a version.</summary>
    Task SetSectionStatusAsync(string draftId, string sectionId, SectionStatus status, string? error = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new version of a section (content, citations, status) and its audit entry in one transaction.
    /// When <paramref name="expectedVersion"/> is given and is not the current version, throws <see cref="VersionConflictException"/>.
    /// </summary>
    /// <param name="author">What wrote a generated text (provider and model); null for a person's change.</param>
    Task<int> SaveSectionVersionAsync(
        string draftId,
        string sectionId,
        string content,
        IReadOnlyList<Citation> citations,
        SectionStatus status,
        VersionReason reason,
        string actor,
        string? feedback = null,
        int? expectedVersion = null,
        string? author = null,
        CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SectionVersion>> GetSectionVersionsAsync(string draftId, string sectionId, CancellationToken cancellationToken = default);

    /// <summary>Appends events whose sequence numbers the caller assigned (consecutive, after <see cref="GetLastEventSequenceAsync"/>), in one transaction.</summary>
    Task AppendEventsAsync(string draftId, IReadOnlyList<StoredDraftEvent> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the events of several drafts, as <see cref="AppendEventsAsync(string, IReadOnlyList{StoredDraftEvent}, CancellationToken)"/>
    /// does for one, in one transaction when the store can: 50 drafts streaming at once then cost one commit, not 50.
    /// </summary>
    async Task AppendEventsAsync(IReadOnlyList<DraftEventBatch> batches, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        foreach (var batch in batches)
        {
            await AppendEventsAsync(batch.DraftId, batch.Events, cancellationToken);
        }
    }

    /// <summary>The highest stored event sequence of a draft, 0 when it has none.</summary>
    Task<long> GetLastEventSequenceAsync(string draftId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredDraftEvent>> ReadEventsAsync(string draftId, long afterSequence, CancellationToken cancellationToken = default);

    Task AppendAuditAsync(string draftId, string actor, string action, string? sectionId, int? version, string? content, string? detail, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(string draftId, CancellationToken cancellationToken = default);

    /// <summary>Marks every generating or pending section of every draft as interrupted (after a restart). Returns how many.</summary>
    Task<int> MarkUnfinishedSectionsInterruptedAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores quality results (JSON) for a section version.</summary>
    Task SaveQualityAsync(string draftId, string sectionId, int version, string qualityJson, CancellationToken cancellationToken = default);

    /// <summary>The latest stored quality JSON per section.</summary>
    Task<IReadOnlyDictionary<string, string>> GetQualityAsync(string draftId, CancellationToken cancellationToken = default);
}
