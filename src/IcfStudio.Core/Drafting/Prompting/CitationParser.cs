using System.Text.RegularExpressions;

namespace IcfStudio.Core.Drafting.Prompting;

/// <summary>Turns the citation keys of a section's text ([P12], [P3, P4], [P3][P4], [P3–P5]) into structured citations.</summary>
public static partial class CitationParser
{
    /// <summary>The cited passages in order of first citation, each once; keys that match no passage are ignored.</summary>
    public static IReadOnlyList<Citation> Parse(string text, IReadOnlyList<Passage> passages)
    {
        if (string.IsNullOrEmpty(text) || passages.Count == 0)
        {
            return [];
        }

        var byKey = new Dictionary<string, Passage>(StringComparer.OrdinalIgnoreCase);
        foreach (var passage in passages)
        {
            byKey.TryAdd(passage.Key, passage);
        }

        var result = new List<Citation>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in Keys(text))
        {
            if (byKey.TryGetValue(key, out var p) && seen.Add(p.Key))
            {
                result.Add(new Citation(p.Key, p.Chunk.ChunkId, p.Chunk.PageStart, p.Chunk.PageEnd, p.Chunk.SectionPath));
            }
        }

        return result;
    }

    /// <summary>Every citation key in the text ("P3"), in order, with repeats; ranges are expanded (capped at 20 keys).</summary>
    public static IEnumerable<string> Keys(string text)
    {
        foreach (Match group in CitationGroup().Matches(text))
        {
            foreach (var part in PartSeparator().Split(group.Groups[1].Value))
            {
                var range = RangePart().Match(part);
                if (range.Success
                    && int.TryParse(range.Groups[1].Value, out var from)
                    && int.TryParse(range.Groups[2].Value, out var to)
                    && to >= from && to - from < 20)
                {
                    for (var n = from; n <= to; n++)
                    {
                        yield return "P" + n;
                    }
                }
                else if (SinglePart().Match(part) is { Success: true } single)
                {
                    yield return "P" + int.Parse(single.Groups[1].Value);
                }
            }
        }
    }

    /// <summary>The text with its citation keys removed (for counting words or numbers of the prose alone).</summary>
    public static string StripKeys(string text) => CitationGroup().Replace(text, "");

    [GeneratedRegex(@"\[\s*(P\s*\d{1,4}(?:\s*(?:[,;]|[-–—]|and)\s*P?\s*\d{1,4})*)\s*\]", RegexOptions.IgnoreCase)]
    private static partial Regex CitationGroup();

    [GeneratedRegex(@"\s*(?:[,;]|\band\b)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex PartSeparator();

    [GeneratedRegex(@"^\s*P\s*(\d{1,4})\s*[-–—]\s*P?\s*(\d{1,4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex RangePart();

    [GeneratedRegex(@"^\s*P?\s*(\d{1,4})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex SinglePart();
}
