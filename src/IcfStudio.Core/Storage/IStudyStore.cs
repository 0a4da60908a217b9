using IcfStudio.Core.Ingestion;
using IcfStudio.Core.ProtocolMap;

namespace IcfStudio.Core.Storage;

/// <summary>Studies, their documents, pages and indexed chunks. The SQLite implementation is the default.</summary>
public interface IStudyStore
{
    Task<StudyRecord?> FindStudyAsync(string studyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default);

    /// <summary>The study holding a document with this SHA-256, if any (studyId null: any study).</summary>
    Task<(string StudyId, DocumentRecord Document)?> FindDocumentByHashAsync(string? studyId, string sha256, CancellationToken cancellationToken = default);

    /// <summary>Adds a document (and creates its study when new) in one transaction.</summary>
    Task<DocumentRecord> AddDocumentAsync(NewDocument document, CancellationToken cancellationToken = default);

    Task<StudyRecord> UpdateMetadataAsync(string studyId, StudyMetadata metadata, CancellationToken cancellationToken = default);

    /// <summary>Deletes a study with its documents, chunks and drafts. False when it did not exist.</summary>
    Task<bool> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default);

    /// <summary>A page of the study's first document holding that page number, or of <paramref name="documentId"/>.</summary>
    Task<StoredPage?> GetPageAsync(string studyId, int pageNumber, string? documentId = null, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoredPage>> GetPagesAsync(string studyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ChunkHit>> GetChunksAsync(string studyId, CancellationToken cancellationToken = default);

    /// <summary>One chunk of the study (a citation's passage), null when the study has no such chunk.</summary>
    async Task<ChunkHit?> FindChunkAsync(string studyId, long chunkId, CancellationToken cancellationToken = default) =>
        (await GetChunksAsync(studyId, cancellationToken)).FirstOrDefault(c => c.ChunkId == chunkId);

    /// <summary>BM25 full-text search (FTS5). Score is higher for better matches.</summary>
    /// <param name="sectionPathPrefixes">When given, only chunks whose section path contains one of these (case-insensitive).</param>
    Task<IReadOnlyList<ChunkHit>> SearchAsync(string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes = null, CancellationToken cancellationToken = default);

    /// <summary>BM25 search among the chunks whose protocol-map role <paramref name="roles"/> allows (null: any).</summary>
    /// <remarks>This default filters the unrestricted hits; the SQLite store filters in the query, so the k best allowed chunks come back.</remarks>
    async Task<IReadOnlyList<ChunkHit>> SearchAsync(
        string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes, RoleFilter? roles, CancellationToken cancellationToken = default) =>
        roles is null
            ? await SearchAsync(studyId, query, k, sectionPathPrefixes, cancellationToken)
            : (await SearchAsync(studyId, query, int.MaxValue / 2, sectionPathPrefixes, cancellationToken)).Where(h => roles.Allows(h.Role)).Take(k).ToList();
}
