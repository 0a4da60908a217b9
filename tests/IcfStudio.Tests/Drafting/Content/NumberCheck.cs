using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting;
using IcfStudio.Core.Drafting.Prompting;

namespace IcfStudio.Tests.Drafting.Content;

/// <summary>Finds numbers in a draft that neither a cited passage nor the fact sheet contains.</summary>
internal static partial class NumberCheck
{
    public static IReadOnlyList<string> Unsourced(string text, IReadOnlyList<Passage> passages, FactSheet facts)
    {
        var cited = CitationParser.Parse(text, passages).Select(c => c.Key).ToHashSet();
        var sources = string.Join("\n", passages.Where(p => cited.Contains(p.Key)).Select(p => p.Chunk.Text)) + "\n" + FactSheetBuilder.Render(facts);
        var sourceNumbers = Number().Matches(sources).Select(m => m.Value).ToHashSet();
        return [.. Number().Matches(CitationParser.StripKeys(text)).Select(m => m.Value).Where(n => !sourceNumbers.Contains(n)).Distinct()];
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();
}
