using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using IcfStudio.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
public sealed partial class StudyIngestionService(IStudyStore store, IOptions<IngestionOptions> options, ILogger<StudyIngestionService> logger)
{
    public async Task<IngestResult> IngestAsync(
        IReadOnlyList<IngestFile> files,
        string? acronym,
        string? studyId,
        IProgress<IngestProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new BadInputException("no_files", "No file to ingest was given.");
        }

        var cleanAcronym = acronym is null ? null : SanitizeAcronym(acronym);
        if (acronym is not null && cleanAcronym is null)
        {
            throw new BadInputException("invalid_acronym", $"The acronym '{acronym}' has no letters or digits.");
        }

        StudyRecord? study = null;
        if (studyId is not null)
        {
            study = await store.FindStudyAsync(studyId, cancellationToken) ?? throw new NotFoundException($"Study '{studyId}' does not exist.");
        }

        var documents = new List<IngestedDocument>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var content = await ReadAsync(file, options.Value.MaxFileBytes, cancellationToken);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));

            // Same bytes again: in the named study, or (no study named yet) in any study.
            if (await store.FindDocumentByHashAsync(study?.StudyId, sha256, cancellationToken) is { } existing)
            {
                study ??= await store.FindStudyAsync(existing.StudyId, cancellationToken);
                documents.Add(new IngestedDocument(existing.Document, AlreadyIngested: true));
                progress?.Report(new IngestProgress(file.FileName, "done", existing.Document.PageCount, existing.Document.PageCount, existing.Document.ChunkCount, existing.Document.ChunkCount));
                LogAlreadyIngested(logger, file.FileName, existing.StudyId);
                continue;
            }

            progress?.Report(new IngestProgress(file.FileName, "parsing", 0, 0, 0, 0));
            var document = await Task.Run(
                () => ProtocolParser.Parse(content, file.FileName, (done, total) => progress?.Report(new IngestProgress(file.FileName, "parsing", done, total, 0, 0)), cancellationToken),
                cancellationToken);
            var chunks = ProtocolChunker.Chunk(document.Blocks);
            progress?.Report(new IngestProgress(file.FileName, "indexing", document.Pages.Count, document.Pages.Count, 0, chunks.Count));

            StudyMetadata metadata;
            string targetId;
            if (study is null)
            {
                metadata = cleanAcronym is null ? document.Metadata : document.Metadata with { Acronym = new MetadataField(cleanAcronym) };
                targetId = NewStudyId(cleanAcronym ?? DeriveAcronym(document.Metadata));
            }
            else
            {
                targetId = study.StudyId;
                metadata = FillEmpty(study.Metadata, document.Metadata);
            }

            var record = await store.AddDocumentAsync(new NewDocument(targetId, document, chunks, sha256, metadata), cancellationToken);
            if (study is not null && metadata != study.Metadata)
            {
                await store.UpdateMetadataAsync(targetId, metadata, cancellationToken);
            }

            study = await store.FindStudyAsync(targetId, cancellationToken)
                ?? throw new InvalidOperationException($"Study '{targetId}' was not found after adding a document to it.");
            documents.Add(new IngestedDocument(record, AlreadyIngested: false));
            progress?.Report(new IngestProgress(file.FileName, "done", document.Pages.Count, document.Pages.Count, chunks.Count, chunks.Count));
            LogIngested(logger, file.FileName, targetId, document.Format, document.Pages.Count, chunks.Count);
        }

        return new IngestResult(study!.StudyId, documents, study.Metadata);
    }

    /// <summary>Reads the whole file, refusing it as soon as it is known to be over the limit.</summary>
    private static async Task<byte[]> ReadAsync(IngestFile file, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = file.Open();
        if (stream.CanSeek && stream.Length > maxBytes)
        {
            throw TooLarge(file.FileName, stream.Length, maxBytes);
        }

        using var buffer = stream.CanSeek ? new MemoryStream((int)stream.Length) : new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(file.FileName, buffer.Length + read, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw new BadInputException("empty_file", $"'{file.FileName}' is empty (0 bytes).", 400);
        }

        return buffer.ToArray();
    }

    private static BadInputException TooLarge(string fileName, long size, long maxBytes) =>
        new("file_too_large", $"'{fileName}' is larger than the {FormatSize(maxBytes)} limit ({(size > maxBytes ? "at least " : string.Empty)}{FormatSize(size)}).", 413);

    private static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";

    /// <summary>Existing values win; the new document only fills fields that are still empty.</summary>
    internal static StudyMetadata FillEmpty(StudyMetadata existing, StudyMetadata incoming) => existing with
    {
        Acronym = existing.Acronym ?? incoming.Acronym,
        Title = existing.Title ?? incoming.Title,
        ShortTitle = existing.ShortTitle ?? incoming.ShortTitle,
        ProtocolNumber = existing.ProtocolNumber ?? incoming.ProtocolNumber,
        Version = existing.Version ?? incoming.Version,
        VersionDate = existing.VersionDate ?? incoming.VersionDate,
        Sponsor = existing.Sponsor ?? incoming.Sponsor,
        Phase = existing.Phase ?? incoming.Phase,
        NctId = existing.NctId ?? incoming.NctId,
        PlannedParticipants = existing.PlannedParticipants ?? incoming.PlannedParticipants,
        Duration = existing.Duration ?? incoming.Duration,
    };

    /// <summary>The metadata acronym, else the protocol number, else "STUDY" — always upper-case letters and digits.</summary>
    internal static string DeriveAcronym(StudyMetadata metadata) =>
        SanitizeAcronym(metadata.Acronym?.Value) ?? SanitizeAcronym(metadata.ProtocolNumber?.Value) ?? "STUDY";

    internal static string? SanitizeAcronym(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        foreach (var c in value.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        var result = builder.ToString();
        return result.Length == 0 ? null : result[..Math.Min(result.Length, 20)];
    }

    internal static string NewStudyId(string acronym) => $"{acronym}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    [LoggerMessage(Level = LogLevel.Information, Message = "{FileName} is already in study {StudyId}: nothing changed")]
    private static partial void LogAlreadyIngested(ILogger logger, string fileName, string studyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {FileName} into {StudyId}: {Format}, {PageCount} pages, {ChunkCount} chunks")]
    private static partial void LogIngested(ILogger logger, string fileName, string studyId, ProtocolFormat format, int pageCount, int chunkCount);
}
