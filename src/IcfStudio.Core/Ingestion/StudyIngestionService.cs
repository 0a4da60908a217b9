using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Ingestion;

/// <summary>A file to ingest. <see cref="Open"/> may be called more than once (hashing, then parsing).</summary>
public sealed record IngestFile(string FileName, Func<Stream> Open);

/// <param name="Stage">parsing, indexing or done.</param>
public sealed record IngestProgress(string FileName, string Stage, int PagesParsed, int PageCount, int ChunksIndexed, int ChunkCount);

/// <param name="AlreadyIngested">True when a document with the same SHA-256 was already in the study: nothing changed.</param>
public sealed record IngestedDocument(DocumentRecord Document, bool AlreadyIngested);

public sealed record IngestResult(string StudyId, IReadOnlyList<IngestedDocument> Documents, StudyMetadata Metadata);

/// <summary>
/// Turns protocol files into an indexed study: detect format, parse, extract metadata, chunk, store (one transaction per document).
/// The study id is ACRONYM-xxxxxxxx (acronym from --acronym or the metadata).
/// </summary>
public sealed class StudyIngestionService
{
    public Task<IngestResult> IngestAsync(
        IReadOnlyList<IngestFile> files,
        string? acronym,
        string? studyId,
        IProgress<IngestProgress>? progress,
        CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
