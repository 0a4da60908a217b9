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
        // The fact sheet's metadata values, arms, interventions and visits: what a section may state without a citation.
        // (Eligibility criteria and objectives are left out on purpose: their many numbers would hide an invented one.)
        var m = facts.Metadata;
        var factValues = new[] { m.Title, m.ShortTitle, m.Acronym, m.ProtocolNumber, m.Sponsor, m.Phase, m.NctId, m.PlannedParticipants, m.Duration }
            .Select(f => f?.Value ?? "")
            .Concat(facts.Facts?.Arms ?? [])
            .Concat(facts.Facts?.Interventions ?? [])
            .Concat((facts.Facts?.Visits ?? []).SelectMany(v => v.Activities.Append(v.Name).Append(v.Timing ?? "")));
        var sources = string.Join("\n", passages.Where(p => cited.Contains(p.Key)).Select(p => p.Chunk.Text).Concat(factValues));
        var sourceNumbers = Number().Matches(sources).Select(m => m.Value).ToHashSet();
        return [.. Number().Matches(CitationParser.StripKeys(text)).Select(m => m.Value).Where(n => !sourceNumbers.Contains(n)).Distinct()];
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();
}
