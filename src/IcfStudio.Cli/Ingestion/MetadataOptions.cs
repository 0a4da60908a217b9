using System.CommandLine;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Cli.Ingestion;

/// <summary>The editable metadata fields of <c>icf study set</c>: an option each and how it changes <see cref="StudyMetadata"/>.</summary>
internal sealed record MetadataOptions(Option<string?> Option, Func<StudyMetadata, MetadataField?, StudyMetadata> Apply)
{
    public static IReadOnlyList<MetadataOptions> All { get; } =
    [
        Field("--title", "Full title", (m, v) => m with { Title = v }),
        Field("--short-title", "Short title", (m, v) => m with { ShortTitle = v }),
        Field("--acronym", "Study acronym (the study id stays as it is)", (m, v) => m with { Acronym = v }),
        Field("--sponsor", "Sponsor", (m, v) => m with { Sponsor = v }),
        Field("--phase", "Phase, e.g. \"Phase 3\"", (m, v) => m with { Phase = v }),
        Field("--nct", "ClinicalTrials.gov number, e.g. NCT01234567", (m, v) => m with { NctId = v }),
        Field("--participants", "Planned number of participants", (m, v) => m with { PlannedParticipants = v }),
        Field("--duration", "Duration of participation", (m, v) => m with { Duration = v }),
        Field("--protocol-number", "Protocol number", (m, v) => m with { ProtocolNumber = v }),
        Field("--version", "Protocol version", (m, v) => m with { Version = v }),
        Field("--version-date", "Protocol version date", (m, v) => m with { VersionDate = v }),
    ];

    private static MetadataOptions Field(string name, string description, Func<StudyMetadata, MetadataField?, StudyMetadata> apply) =>
        new(new Option<string?>(name) { Description = description }, apply);
}
