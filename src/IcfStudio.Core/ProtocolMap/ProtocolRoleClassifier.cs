using System.Text.Json;
using System.Text.RegularExpressions;
using IcfStudio.Core.Ingestion;

namespace IcfStudio.Core.ProtocolMap;

/// <summary>
/// Gives a chunk its <see cref="ProtocolRole"/> from its heading path and its text. The vocabulary is data
/// (Resources/ProtocolMap/protocol-roles.json); the rules are here: in each heading the longest phrase names a role; the
/// nearest heading with a role wins, unless a heading above it has a dominating role (a schedule table whose rows were read
/// as sub-headings stays a schedule); the text's cues decide when no heading names a role, and override the heading when
/// they clearly outweigh it ("SAE must be reported within 24 hours" under a vague heading is safety reporting). Tables of
/// contents and reference lists are also recognised by their shape (dot leaders, citations), whatever their heading.
/// </summary>
public static partial class ProtocolRoleClassifier
{
    private const string ResourceName = "IcfStudio.Core.Resources.ProtocolMap.protocol-roles.json";
    private const int ShapeWeight = 100;
    private const int ScheduleMarksWeight = 4;

    private static readonly Lazy<Vocabulary> Vocab = new(Load);

    /// <summary>The role of a chunk under <paramref name="sectionPath"/> (headings joined by " &gt; ") holding <paramref name="text"/>.</summary>
    public static ProtocolRole Classify(string? sectionPath, string? text)
    {
        var vocabulary = Vocab.Value;
        text ??= "";
        var content = ContentScores(vocabulary, text);
        var best = content.Count == 0 ? new KeyValuePair<ProtocolRole, int>(ProtocolRole.Other, 0) : content.MaxBy(kv => kv.Value);
        var (bestContent, contentScore) = (best.Key, best.Value);
        if (contentScore >= ShapeWeight)
        {
            return bestContent;
        }

        var heading = HeadingRole(vocabulary, sectionPath);
        if (heading is not { } role)
        {
            return contentScore >= vocabulary.ContentMinimum ? bestContent : ProtocolRole.Other;
        }

        var headingScore = vocabulary.HeadingWeight + content.GetValueOrDefault(role);
        return bestContent != role && contentScore > headingScore ? bestContent : role;
    }

    /// <summary>The role the headings name, or null when none does.</summary>
    internal static ProtocolRole? HeadingRole(string? sectionPath) => HeadingRole(Vocab.Value, sectionPath);

    private static ProtocolRole? HeadingRole(Vocabulary vocabulary, string? sectionPath)
    {
        if (string.IsNullOrWhiteSpace(sectionPath))
        {
            return null;
        }

        ProtocolRole? nearest = null, dominating = null;
        foreach (var segment in sectionPath.Split(" > ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (SegmentRole(vocabulary, segment) is not { } role)
            {
                continue;
            }

            nearest = role;
            if (vocabulary.Dominating.Contains(role))
            {
                dominating = role;
            }
        }

        return dominating ?? nearest;
    }

    private static ProtocolRole? SegmentRole(Vocabulary vocabulary, string heading)
    {
        var normalized = " " + NonWord().Replace(heading.ToLowerInvariant(), " ") + " ";
        ProtocolRole? best = null;
        var bestLength = 0;
        foreach (var (phrase, role) in vocabulary.Headings)
        {
            // Phrases open a word (" random" matches "randomisation") and are tried longest first.
            if (phrase.Length > bestLength && normalized.Contains(" " + phrase, StringComparison.Ordinal))
            {
                best = role;
                bestLength = phrase.Length;
            }
        }

        return best;
    }

    private static Dictionary<ProtocolRole, int> ContentScores(Vocabulary vocabulary, string text)
    {
        var scores = new Dictionary<ProtocolRole, int>();
        // One definition of navigation and bibliography for the chunker and the map.
        if (BoilerplateDetector.IsTableOfContents(text))
        {
            scores[ProtocolRole.Contents] = ShapeWeight;
            return scores;
        }

        if (BoilerplateDetector.IsReferenceList(text))
        {
            scores[ProtocolRole.References] = ShapeWeight;
            return scores;
        }

        foreach (var (cue, role, weight) in vocabulary.Cues)
        {
            if (cue.IsMatch(text))
            {
                scores[role] = scores.GetValueOrDefault(role) + weight;
            }
        }

        // A schedule table read as text: rows of X marks.
        if (ScheduleMark().Count(text) >= 10)
        {
            scores[ProtocolRole.Schedule] = scores.GetValueOrDefault(ProtocolRole.Schedule) + ScheduleMarksWeight;
        }

        return scores;
    }

    /// <summary>Mostly citations: journal volume:pages, "et al.", DOIs, at a density running text never has.</summary>
    private static Vocabulary Load()
    {
        using var stream = typeof(ProtocolRoleClassifier).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Missing resource {ResourceName}.");
        var file = JsonSerializer.Deserialize<RolesFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException($"Empty resource {ResourceName}.");
        var headings = new List<(string, ProtocolRole)>();
        var cues = new List<(Regex, ProtocolRole, int)>();
        var dominating = new HashSet<ProtocolRole>();
        foreach (var entry in file.Roles)
        {
            var role = ProtocolRoles.Parse(entry.Id);
            if (entry.Dominates)
            {
                dominating.Add(role);
            }

            headings.AddRange(entry.Headings.Select(h => (NonWord().Replace(h.ToLowerInvariant(), " ").Trim(), role)));
            cues.AddRange(entry.Cues.Select(c => (new Regex(c.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), role, c.Weight)));
        }

        return new Vocabulary(file.HeadingWeight, file.ContentMinimum, headings, cues, dominating);
    }

    private sealed record Vocabulary(
        int HeadingWeight,
        int ContentMinimum,
        IReadOnlyList<(string Phrase, ProtocolRole Role)> Headings,
        IReadOnlyList<(Regex Cue, ProtocolRole Role, int Weight)> Cues,
        IReadOnlySet<ProtocolRole> Dominating);

    private sealed record RolesFile(int HeadingWeight, int ContentMinimum, IReadOnlyList<RoleEntry> Roles);

    private sealed record RoleEntry(string Id, bool Dominates, IReadOnlyList<string> Headings, IReadOnlyList<CueEntry> Cues);

    private sealed record CueEntry(string Pattern, int Weight);

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])X(?![\p{L}\p{N}])")]
    private static partial Regex ScheduleMark();
}
