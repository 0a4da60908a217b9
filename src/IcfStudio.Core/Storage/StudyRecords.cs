using IcfStudio.Core.Ingestion;
using IcfStudio.Core.ProtocolMap;

namespace IcfStudio.Core.Storage;

public sealed record DocumentRecord(
    string DocumentId,
    string FileName,
    ProtocolFormat Format,
    int PageCount,
    int ChunkCount,
    string Sha256,
    DateTimeOffset AddedAt);

/// <param name="UpdatedAt">When the study itself (documents, metadata) last changed.</param>
/// <param name="ProfileVersion">How many reviews of the study profile were saved (0: none); see Profile/ProfileService.</param>
/// <param name="LastActivityAt">The latest change to the study or any of its drafts (created, generated, edited, approved); null: <paramref name="UpdatedAt"/>.</param>
public sealed record StudyRecord(
    string StudyId,
    StudyMetadata Metadata,
    IReadOnlyList<DocumentRecord> Documents,
    int DraftCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    UsdmFacts? Facts = null,
    int ProfileVersion = 0,
    DateTimeOffset? LastActivityAt = null);

/// <summary>A parsed document and its chunks, to be stored in one transaction.</summary>
/// <param name="StudyId">The study to add to; when it does not exist yet it is created with <paramref name="Metadata"/>.</param>
public sealed record NewDocument(
    string StudyId,
    ProtocolDocument Document,
    IReadOnlyList<DocumentChunk> Chunks,
    string Sha256,
    StudyMetadata Metadata);

public sealed record StoredPage(string StudyId, string DocumentId, string FileName, int Number, string Text);

/// <summary>A stored chunk, as search returns it. Lower <see cref="Score"/> is not better: higher is.</summary>
public sealed record ChunkHit(
    long ChunkId,
    string DocumentId,
    string Text,
    string SectionPath,
    int PageStart,
    int PageEnd,
    double Score)
{
    /// <summary>What this part of the protocol is for (the protocol map), decided at ingestion.</summary>
    public ProtocolRole Role { get; init; }
}
