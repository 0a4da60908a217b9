using System.Text;
using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting.Offline;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>
/// A plain-language Markdown visit table (Visit | When | About how long | What happens | Research only?) from the protocol's
/// schedule of activities, as regulators suggest to make procedures easier to follow. Consecutive visits with the same
/// activities are merged into one row ("Day 2 to Day 5").
/// </summary>
public static partial class VisitTableBuilder
{
    private const int MaxRows = 16;
    private const string AskTeam = "Ask the study team";

    /// <summary>The table, or null when the schedule has no visits.</summary>
    public static string? Build(IReadOnlyList<ScheduledVisit> visits)
    {
        var rows = new List<Row>();
        foreach (var visit in visits)
        {
            var (all, researchOnly) = LayActivities(visit.Activities, visit.ResearchOnly);
            var when = string.IsNullOrWhiteSpace(visit.Timing) ? visit.Name.Trim() : visit.Timing.Trim();
            if (rows.Count > 0 && rows[^1].Activities.SequenceEqual(all) && all.Count > 0)
            {
                rows[^1] = rows[^1] with { LastName = visit.Name.Trim(), LastWhen = when };
                continue;
            }

            rows.Add(new Row(visit.Name.Trim(), null, when, null, all, researchOnly));
        }

        if (rows.Count == 0)
        {
            return null;
        }

        var sb = new StringBuilder();
        sb.AppendLine("| Visit | When | About how long | What happens | Research only? |");
        sb.AppendLine("| --- | --- | --- | --- | --- |");
        foreach (var row in rows.Take(MaxRows))
        {
            var name = row.LastName is null ? row.Name : $"{row.Name} to {row.LastName}";
            var when = row.LastWhen is null || row.LastWhen == row.When ? row.When : $"{row.When} to {row.LastWhen}";
            if (string.Equals(when, name, StringComparison.OrdinalIgnoreCase))
            {
                when = "See the visit name.";
            }

            // Each item a short sentence of its own: easier to scan, and a table cell is not one long sentence.
            var what = row.Activities.Count == 0 ? AskTeam + "." : string.Join(" ", row.Activities.Select(a => Capitalize(a) + "."));
            var research = row.ResearchOnly.Count == 0 ? "None listed." : string.Join(" ", row.ResearchOnly.Select(a => Capitalize(a) + "."));
            sb.Append("| ").Append(Cell(name)).Append(" | ").Append(Cell(when)).Append(" | ").Append(AskTeam).Append('.')
                .Append(" | ").Append(Cell(what)).Append(" | ").Append(Cell(research)).AppendLine(" |");
        }

        if (rows.Count > MaxRows)
        {
            sb.AppendLine().AppendLine("The study team will give you the full list of visits.");
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// The schedule of activities as found in the passages when the study has no structured visits: a table of visit
    /// columns and procedure rows marked X (see <see cref="ScheduleTableReader"/>), else lines such as
    /// "Week 2 (Day 14) | Vital signs, ECG, Hematology" in chunks under a "Schedule of Activities" (or "of Events") heading.
    /// Table text that does not have this shape is left alone rather than guessed at.
    /// </summary>
    public static IReadOnlyList<ScheduledVisit> FromPassages(IEnumerable<Passage> passages)
    {
        var schedule = passages.Where(p => ScheduleHeading().IsMatch(p.Chunk.SectionPath)).OrderBy(p => p.Chunk.ChunkId).ToList();
        var fromTable = ScheduleTableReader.Read(schedule.SelectMany(p => p.Chunk.Text.Split('\n')));
        if (fromTable.Count > 0)
        {
            return fromTable;
        }

        var visits = new List<ScheduledVisit>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var passage in schedule)
        {
            foreach (var line in passage.Chunk.Text.Split('\n'))
            {
                // The name must read as a visit: a wrapped table row ("Medications | regimens to confirm") is not one.
                var m = ScheduleLine().Match(line.Trim());
                if (!m.Success || !ScheduleTableReader.VisitName().IsMatch(m.Groups["name"].Value.Trim()) || !seen.Add(m.Groups["name"].Value.Trim()))
                {
                    continue;
                }

                var activities = m.Groups["activities"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var timing = m.Groups["timing"].Success ? m.Groups["timing"].Value.Trim() : null;
                visits.Add(new ScheduledVisit(m.Groups["name"].Value.Trim(), timing, activities));
            }
        }

        return visits.Count >= 2 ? visits : [];
    }

    /// <summary>The lay names of a visit's activities (deduplicated, in order) and those done only for the research.</summary>
    /// <remarks>When the protocol marks research-only procedures (<paramref name="markedResearchOnly"/>), its marks decide; else a lay-name heuristic does.</remarks>
    internal static (IReadOnlyList<string> All, IReadOnlyList<string> ResearchOnly) LayActivities(IEnumerable<string> activities, IReadOnlyList<string>? markedResearchOnly = null)
    {
        var all = new List<string>();
        var research = new List<string>();
        foreach (var activity in activities)
        {
            if (string.IsNullOrWhiteSpace(activity) || RowLabel().IsMatch(activity))
            {
                continue;
            }

            var (lay, researchOnly) = Lay(activity);
            if (lay.Length == 0 || all.Contains(lay, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            all.Add(lay);
            if (markedResearchOnly is null ? researchOnly : markedResearchOnly.Contains(activity, StringComparer.OrdinalIgnoreCase))
            {
                research.Add(lay);
            }
        }

        return (all, research);
    }

    /// <summary>A lay name for a schedule activity; research-only marks what exists only because of the study (the study drug, drug-level and genetic samples, assignment by chance).</summary>
    private static (string Lay, bool ResearchOnly) Lay(string activity)
    {
        var a = activity.ToLowerInvariant();
        foreach (var (keys, lay, researchOnly) in ActivityNames)
        {
            if (keys.Any(k => a.Contains(k, StringComparison.Ordinal)))
            {
                return (lay, researchOnly);
            }
        }

        // Unknown activity: its own words, simplified; "other" and the like carry no information.
        var plain = PlainLanguage.ApplyGlossary(activity.Trim()).Trim();
        return plain.Length < 4 || plain.Equals("other", StringComparison.OrdinalIgnoreCase) ? ("", false) : (plain, false);
    }

    private static readonly (string[] Keys, string Lay, bool ResearchOnly)[] ActivityNames =
    [
        (["informed consent", "consent"], "sign the consent form", false),
        (["randomi", "radomi"], "assigned to a group by chance", true),
        (["insulin infusion"], "insulin through a vein to lower blood sugar", true),
        (["pk", "pharmacokinetic", "plasma specimen", "drug level"], "blood draws to measure the study drug", true),
        (["genotyp", "genetic", "dna"], "a sample for genetic tests", true),
        (["antibod"], "blood test for antibodies to the study drug", true),
        (["placebo tts"], "practice patch with no medicine", false),
        (["number assigned"], "get a study number", false),
        (["study drug", "study treatment", "mg/day", " mg", "study intervention", "study administration", "dispens", "dosing", "dose"], "take the study drug", true),
        (["inclusion", "exclusion", "eligib", "enrollment"], "check whether you can join", false),
        (["medical history", "demograph", "habits", "history", "prior "], "questions about your health", false),
        (["physical exam"], "physical exam", false),
        // Before height and weight: "Vital signs and weight" is mostly blood pressure and pulse.
        (["vital", "supine", "standing"], "blood pressure and pulse", false),
        (["height", "weight", "bmi"], "height and weight", false),
        (["ecg", "electrocardiogram"], "heart tracing (ECG)", false),
        (["x-ray"], "chest X-ray", false),
        (["ct scan", "mri"], "a scan", false),
        (["pregnan"], "pregnancy test, if you could get pregnant", false),
        (["contracept"], "talk about birth control", false),
        (["hiv", "hepatitis", "serology"], "blood tests for infections", false),
        (["urine drug", "drug screen"], "urine drug test", false),
        (["alcohol", "ethanol"], "alcohol test", false),
        (["24-hour urine", "feces", "stool"], "collect urine and stool", false),
        (["bowel", "menstruation"], "track urine, bowel movements and periods", false),
        (["urinalysis", "uninalysis", "urine"], "urine test", false),
        (["hematology", "haematology", "chemistry", "clinical lab", "laborator", "hba1c", "a1c", "coagulation", "serum", "fsh", "follicle", "glucose", "pg monitoring", "blood sampl"], "blood tests", false),
        (["adverse event", "side effect", "hypoglycemic event"], "questions about side effects", false),
        (["concomitant", "other medic"], "questions about your other medicines", false),
        (["admi"], "check in to the research unit", false),
        (["discharge"], "leave the research unit", false),
        (["phone"], "phone call or clinic visit", false),
        (["meal"], "study meals", false),
        (["survey", "questionnaire", "quaestionnaire", "scale", "score", "adas", "cibic", "dad", "npi", "mmse"], "questionnaires and tests", false),
        (["balance"], "balance tests", false),
        (["exercise"], "light exercise", false),
        (["nasal"], "nose check", false),
        (["injection"], "check of the injection site", false),
        (["discontinue"], "stop some usual medicines as told", false),
    ];

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static string Cell(string s) => s.Replace("|", "/", StringComparison.Ordinal).Replace('\n', ' ');

    private sealed record Row(string Name, string? LastName, string When, string? LastWhen, IReadOnlyList<string> Activities, IReadOnlyList<string> ResearchOnly);

    [GeneratedRegex(@"schedule of (?:activities|events|assessments)|study schedule|time and events", RegexOptions.IgnoreCase)]
    private static partial Regex ScheduleHeading();

    [GeneratedRegex(@"^(?<name>[^|()]{2,40}?)\s*(?:\((?<timing>[^|()]{1,30})\))?\s*\|\s*(?<activities>[^|]{3,}\p{L}[^|]*)$")]
    private static partial Regex ScheduleLine();

    [GeneratedRegex(@"^\s*ACT_Row\d+\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RowLabel();
}
