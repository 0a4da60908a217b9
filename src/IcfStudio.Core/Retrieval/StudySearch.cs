using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Retrieval;

/// <summary>Searches a study's chunks: BM25 (FTS5), fused with dense similarity by reciprocal rank fusion when an embedding generator is configured.</summary>
public sealed class StudySearch
{
    /// <param name="sectionPathFilters">Restrict to chunks whose section path contains one of these (case-insensitive); null: no restriction.</param>
    public Task<IReadOnlyList<ChunkHit>> SearchAsync(
        string studyId,
        string query,
        int k = 5,
        IReadOnlyList<string>? sectionPathFilters = null,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
