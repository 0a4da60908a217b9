namespace IcfStudio.Core.Ingestion;

/// <summary>An extracted value and the page it came from (null page: from structured input or edited by a user).</summary>
public sealed record MetadataField(string Value, int? Page = null);

/// <summary>Study facts extracted from a protocol. A field is null when it was not found: never invented.</summary>
public sealed record StudyMetadata
{
    public MetadataField? Acronym { get; init; }
    public MetadataField? Title { get; init; }
    public MetadataField? ShortTitle { get; init; }
    public MetadataField? ProtocolNumber { get; init; }
    public MetadataField? Version { get; init; }
    public MetadataField? VersionDate { get; init; }
    public MetadataField? Sponsor { get; init; }
    public MetadataField? Phase { get; init; }
    public MetadataField? NctId { get; init; }
    public MetadataField? PlannedParticipants { get; init; }
    public MetadataField? Duration { get; init; }

    public static StudyMetadata Empty { get; } = new();
}

/// <summary>Structured facts of a study, available when a USDM document was ingested.</summary>
public sealed record UsdmFacts
{
    public IReadOnlyList<string> Arms { get; init; } = [];
    public IReadOnlyList<string> Interventions { get; init; } = [];
    public IReadOnlyList<string> Objectives { get; init; } = [];
    public IReadOnlyList<string> InclusionCriteria { get; init; } = [];
    public IReadOnlyList<string> ExclusionCriteria { get; init; } = [];
    public IReadOnlyList<ScheduledVisit> Visits { get; init; } = [];
}

/// <summary>
/// A visit of the schedule of activities: its name, when it happens, and what is done. ResearchOnly, when the protocol
/// marks them, lists the activities (as named in Activities) done only for the research; null when it does not say.
/// </summary>
public sealed record ScheduledVisit(string Name, string? Timing, IReadOnlyList<string> Activities, IReadOnlyList<string>? ResearchOnly = null);
