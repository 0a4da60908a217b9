using System.Text.Json;
using System.Text.Json.Serialization;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Core.Storage;

/// <summary>
/// A study as the CLI (<c>icf studies --json</c>, <c>icf ingest --json</c>) and the web API show it, so both return one shape.
/// Metadata values are strings or null (never invented); <see cref="MetadataPages"/> says which page each came from.
/// </summary>
public sealed record StudyJson(
    string StudyId,
    IReadOnlyList<DocumentJson> Documents,
    StudyMetadataJson Metadata,
    MetadataPagesJson MetadataPages,
    int DraftCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    UsdmFacts? Facts,
    DateTimeOffset LastActivityAt)
{
    /// <summary>camelCase, nulls written (a missing metadata field is an explicit null).</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web);

    public static StudyJson From(StudyRecord study)
    {
        ArgumentNullException.ThrowIfNull(study);
        return new StudyJson(
            study.StudyId,
            study.Documents.Select(d => DocumentJson.From(d)).ToList(),
            StudyMetadataJson.From(study.Metadata),
            MetadataPagesJson.From(study.Metadata),
            study.DraftCount,
            study.CreatedAt,
            study.UpdatedAt,
            study.Facts,
            study.LastActivityAt ?? study.UpdatedAt);
    }
}

/// <param name="Format">pdf, docx, text, markdown or usdmJson.</param>
/// <param name="AlreadyIngested">Only in an ingest result: true when the file was already in the study and nothing changed.</param>
public sealed record DocumentJson(
    string DocumentId,
    string FileName,
    string Format,
    int PageCount,
    int ChunkCount,
    string Sha256,
    DateTimeOffset AddedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? AlreadyIngested = null)
{
    public static DocumentJson From(DocumentRecord document, bool? alreadyIngested = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new DocumentJson(
            document.DocumentId,
            document.FileName,
            JsonNamingPolicy.CamelCase.ConvertName(document.Format.ToString()),
            document.PageCount,
            document.ChunkCount,
            document.Sha256,
            document.AddedAt,
            alreadyIngested);
    }
}

public sealed record StudyMetadataJson(
    string? Acronym,
    string? Title,
    string? ShortTitle,
    string? ProtocolNumber,
    string? Version,
    string? VersionDate,
    string? Sponsor,
    string? Phase,
    string? NctId,
    string? PlannedParticipants,
    string? Duration)
{
    public static StudyMetadataJson From(StudyMetadata m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(
            m.Acronym?.Value,
            m.Title?.Value,
            m.ShortTitle?.Value,
            m.ProtocolNumber?.Value,
            m.Version?.Value,
            m.VersionDate?.Value,
            m.Sponsor?.Value,
            m.Phase?.Value,
            m.NctId?.Value,
            m.PlannedParticipants?.Value,
            m.Duration?.Value);
    }
}

/// <summary>The page each metadata value was found on; null when not found, from structured input, or edited by a user.</summary>
public sealed record MetadataPagesJson(
    int? Acronym,
    int? Title,
    int? ShortTitle,
    int? ProtocolNumber,
    int? Version,
    int? VersionDate,
    int? Sponsor,
    int? Phase,
    int? NctId,
    int? PlannedParticipants,
    int? Duration)
{
    public static MetadataPagesJson From(StudyMetadata m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new(
            m.Acronym?.Page,
            m.Title?.Page,
            m.ShortTitle?.Page,
            m.ProtocolNumber?.Page,
            m.Version?.Page,
            m.VersionDate?.Page,
            m.Sponsor?.Page,
            m.Phase?.Page,
            m.NctId?.Page,
            m.PlannedParticipants?.Page,
            m.Duration?.Page);
    }
}

/// <summary>A search result as <c>icf search --json</c> and the web API return it.</summary>
public sealed record SearchHitJson(long ChunkId, string DocumentId, string Text, string SectionPath, int PageStart, int PageEnd, double Score)
{
    public static SearchHitJson From(ChunkHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        return new(hit.ChunkId, hit.DocumentId, hit.Text, hit.SectionPath, hit.PageStart, hit.PageEnd, Math.Round(hit.Score, 6));
    }
}
