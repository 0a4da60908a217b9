using System.Text.RegularExpressions;

namespace IcfStudio.Core.Drafting.Templates;

/// <summary>
/// The {placeholders} a template's standard wording may use, filled from the fact sheet. A fact the protocol does not give
/// falls back to neutral words (never an invented value).
/// </summary>
public static class StudyPlaceholders
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "studyName", "title", "sponsor", "phase", "nctId", "protocolNumber", "plannedParticipants", "duration", "studyDrug",
    };

    public static IReadOnlyDictionary<string, string> Values(FactSheet facts)
    {
        var m = facts.Metadata;
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["studyName"] = m.Acronym?.Value ?? m.ShortTitle?.Value ?? "this study",
            ["title"] = m.Title?.Value ?? m.ShortTitle?.Value ?? "this study",
            ["sponsor"] = m.Sponsor?.Value ?? "the study sponsor",
            ["phase"] = m.Phase?.Value ?? "research",
            ["nctId"] = m.NctId?.Value ?? "(not registered yet)",
            ["protocolNumber"] = m.ProtocolNumber?.Value ?? "(see the study plan)",
            ["plannedParticipants"] = m.PlannedParticipants?.Value ?? "some",
            ["duration"] = m.Duration?.Value ?? "the time the study team explains",
            ["studyDrug"] = facts.Facts is { Interventions.Count: > 0 } usdm ? usdm.Interventions[0] : "the study drug",
        };
    }

    /// <summary>Replaces every known {placeholder} in <paramref name="text"/>; unknown ones are left as written.</summary>
    public static string Fill(string text, FactSheet facts)
    {
        var values = Values(facts);
        return TemplateCatalog.PlaceholderPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }
}
