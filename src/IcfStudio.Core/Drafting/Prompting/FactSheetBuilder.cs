using System.Text;
using IcfStudio.Core.Ingestion;
using IcfStudio.Core.Profile;
using IcfStudio.Core.Storage;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>The study facts every section receives, so that numbers agree across sections.</summary>
public static class FactSheetBuilder
{
    public static FactSheet Build(StudyRecord study) => Build(study, null);

    /// <summary>
    /// With the study's reviewed profile, its identity items (and planned participants, time in the study) replace the
    /// extracted metadata: a reviewer's edit or clear is what every section then says.
    /// </summary>
    public static FactSheet Build(StudyRecord study, StudyProfile? profile)
    {
        ArgumentNullException.ThrowIfNull(study);
        var metadata = study.Metadata ?? StudyMetadata.Empty;
        if (profile is not null)
        {
            // A reviewer's (or the LLM's checked) value wins and a cleared item is gone; a detected item stands for the
            // extracted field, never for a sentence found about it (a duration item may be a whole protocol sentence).
            MetadataField? Field(string key, MetadataField? extracted) => profile.Find(key) switch
            {
                null => null,
                { Origin: var origin } item when origin.StartsWith("user:", StringComparison.Ordinal) || origin == ProfileOrigins.Llm
                    => new MetadataField(item.Value, item.Evidence?.Page),
                _ => extracted,
            };
            metadata = new StudyMetadata
            {
                Acronym = Field("identity.acronym", metadata.Acronym),
                Title = Field("identity.title", metadata.Title),
                ShortTitle = Field("identity.shortTitle", metadata.ShortTitle),
                ProtocolNumber = Field("identity.protocolNumber", metadata.ProtocolNumber),
                Version = Field("identity.version", metadata.Version),
                VersionDate = Field("identity.versionDate", metadata.VersionDate),
                Sponsor = Field("identity.sponsor", metadata.Sponsor),
                Phase = Field("identity.phase", metadata.Phase),
                NctId = Field("identity.nctId", metadata.NctId),
                PlannedParticipants = Field("study.plannedParticipants", metadata.PlannedParticipants),
                Duration = Field("participation.duration", metadata.Duration),
            };
        }

        return new FactSheet(metadata, study.Facts, profile);
    }

    /// <summary>
    /// The reviewed profile items written into this section (catalog <c>sections</c>), one per line with the page that
    /// states it, for the &lt;study_profile&gt; block. Values are protocol text or a reviewer's: the caller escapes them.
    /// </summary>
    public static IReadOnlyList<(string Label, ProfileItem Item)> ProfileItemsFor(FactSheet facts, string sectionId)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Profile is not { } profile)
        {
            return [];
        }

        return [.. profile.Items
            .Select(i => (Definition: ProfileCatalog.Find(i.Key), Item: i))
            .Where(p => p.Definition is not null && p.Definition.Sections.Contains(sectionId, StringComparer.Ordinal))
            .Select(p => (p.Definition!.Repeated ? $"{p.Definition.Label} ({p.Item.Key})" : p.Definition.Label, p.Item))];
    }

    /// <summary>The fact sheet as plain text lines ("Sponsor: …"), for prompts and for checking which facts a draft may state.</summary>
    public static string Render(FactSheet facts)
    {
        var sb = new StringBuilder();
        var m = facts.Metadata;
        Line(sb, "Study title", m.Title);
        Line(sb, "Short title", m.ShortTitle);
        Line(sb, "Acronym", m.Acronym);
        Line(sb, "Protocol number", m.ProtocolNumber);
        Line(sb, "Protocol version", m.Version);
        Line(sb, "Version date", m.VersionDate);
        Line(sb, "Sponsor", m.Sponsor);
        Line(sb, "Phase", m.Phase);
        Line(sb, "ClinicalTrials.gov id", m.NctId);
        Line(sb, "Planned number of participants", m.PlannedParticipants);
        Line(sb, "Duration of participation", m.Duration);

        if (facts.Facts is { } usdm)
        {
            List(sb, "Study groups (arms)", usdm.Arms);
            List(sb, "Interventions", usdm.Interventions);
            List(sb, "Objectives", usdm.Objectives);
            List(sb, "Inclusion criteria", usdm.InclusionCriteria);
            List(sb, "Exclusion criteria", usdm.ExclusionCriteria);
            if (usdm.Visits.Count > 0)
            {
                sb.AppendLine("Schedule of visits:");
                foreach (var visit in usdm.Visits)
                {
                    sb.Append("- ").Append(visit.Name);
                    if (!string.IsNullOrWhiteSpace(visit.Timing))
                    {
                        sb.Append(" (").Append(visit.Timing).Append(')');
                    }

                    if (visit.Activities.Count > 0)
                    {
                        sb.Append(": ").AppendJoin("; ", visit.Activities);
                    }

                    sb.AppendLine();
                }
            }
        }

        return sb.Length == 0 ? "No study facts were extracted from the protocol.\n" : sb.ToString();
    }

    private static void Line(StringBuilder sb, string label, MetadataField? field)
    {
        if (field is not null && !string.IsNullOrWhiteSpace(field.Value))
        {
            sb.Append(label).Append(": ").Append(field.Value.Trim());
            if (field.Page is int page)
            {
                sb.Append(" (protocol page ").Append(page).Append(')');
            }

            sb.AppendLine();
        }
    }

    private static void List(StringBuilder sb, string label, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        sb.Append(label).AppendLine(":");
        foreach (var item in items)
        {
            sb.Append("- ").AppendLine(item.Trim());
        }
    }
}
