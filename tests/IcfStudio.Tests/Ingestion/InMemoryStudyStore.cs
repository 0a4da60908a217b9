using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Quality;
using IcfStudio.Core.Storage;

namespace IcfStudio.Tests.Ingestion;

/// <summary>A hand-written in-memory <see cref="IStudyStore"/> for ingestion tests: enough to add, find and dedupe documents.</summary>
internal sealed class InMemoryStudyStore : IStudyStore
{
    private readonly Dictionary<string, StudyRecord> _studies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DocumentChunk>> _chunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(DocumentRecord Record, ProtocolDocument Document)>> _documents = new(StringComparer.Ordinal);

    public int AddCalls { get; private set; }

    public IReadOnlyList<DocumentChunk> ChunksOf(string studyId) => _chunks.GetValueOrDefault(studyId) ?? [];

    public IReadOnlyList<ProtocolDocument> DocumentsOf(string studyId) => _documents.GetValueOrDefault(studyId)?.Select(d => d.Document).ToList() ?? [];

    public Task<StudyRecord?> FindStudyAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_studies.GetValueOrDefault(studyId));

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StudyRecord>>(_studies.Values.ToList());

    public Task<(string StudyId, DocumentRecord Document)?> FindDocumentByHashAsync(string? studyId, string sha256, CancellationToken cancellationToken = default)
    {
        foreach (var study in _studies.Values.Where(s => studyId is null || s.StudyId == studyId))
        {
            if (study.Documents.FirstOrDefault(d => d.Sha256 == sha256) is { } document)
            {
                return Task.FromResult<(string, DocumentRecord)?>((study.StudyId, document));
            }
        }

        return Task.FromResult<(string, DocumentRecord)?>(null);
    }

    public Task<DocumentRecord> AddDocumentAsync(NewDocument document, CancellationToken cancellationToken = default)
    {
        AddCalls++;
        var now = DateTimeOffset.UtcNow;
        var record = new DocumentRecord(Guid.NewGuid().ToString("n"), document.Document.FileName, document.Document.Format, document.Document.Pages.Count, document.Chunks.Count, document.Sha256, now);
        _studies[document.StudyId] = _studies.TryGetValue(document.StudyId, out var study)
            ? study with { Documents = [.. study.Documents, record], UpdatedAt = now, Facts = study.Facts ?? document.Document.Facts }
            : new StudyRecord(document.StudyId, document.Metadata, [record], 0, now, now, document.Document.Facts);
        (_chunks.TryGetValue(document.StudyId, out var chunks) ? chunks : _chunks[document.StudyId] = []).AddRange(document.Chunks);
        (_documents.TryGetValue(document.StudyId, out var docs) ? docs : _documents[document.StudyId] = []).Add((record, document.Document));
        return Task.FromResult(record);
    }

    public Task<StudyRecord> UpdateMetadataAsync(string studyId, StudyMetadata metadata, CancellationToken cancellationToken = default)
    {
        var study = _studies[studyId] with { Metadata = metadata };
        _studies[studyId] = study;
        return Task.FromResult(study);
    }

    public Task<bool> DeleteStudyAsync(string studyId, CancellationToken cancellationToken = default) => Task.FromResult(_studies.Remove(studyId));

    public Task<StoredPage?> GetPageAsync(string studyId, int pageNumber, string? documentId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(_documents.GetValueOrDefault(studyId)?
            .Where(d => documentId is null || d.Record.DocumentId == documentId)
            .SelectMany(d => d.Document.Pages.Select(p => new StoredPage(studyId, d.Record.DocumentId, d.Record.FileName, p.Number, p.Text)))
            .FirstOrDefault(p => p.Number == pageNumber));

    public Task<IReadOnlyList<StoredPage>> GetPagesAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredPage>>(_documents.GetValueOrDefault(studyId)?
            .SelectMany(d => d.Document.Pages.Select(p => new StoredPage(studyId, d.Record.DocumentId, d.Record.FileName, p.Number, p.Text))).ToList() ?? []);

    public Task<IReadOnlyList<ChunkHit>> GetChunksAsync(string studyId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChunkHit>>(ChunksOf(studyId).Select((c, i) => new ChunkHit(i, "doc", c.Text, c.SectionPath, c.PageStart, c.PageEnd, 0)).ToList());

    /// <summary>Not a ranking: the fake counts query words, enough to check which section holds them.</summary>
    public Task<IReadOnlyList<ChunkHit>> SearchAsync(string studyId, string query, int k, IReadOnlyList<string>? sectionPathPrefixes = null, CancellationToken cancellationToken = default)
    {
        var terms = query.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hits = ChunksOf(studyId)
            .Select((c, i) => new ChunkHit(i, "doc", c.Text, c.SectionPath, c.PageStart, c.PageEnd, terms.Count(t => c.Text.Contains(t, StringComparison.OrdinalIgnoreCase))))
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score)
            .Take(k)
            .ToList();
        return Task.FromResult<IReadOnlyList<ChunkHit>>(hits);
    }
}
