using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting;

namespace IcfStudio.Core.Quality;

/// <summary>Checks a document's numbers against the protocol, and its sections against each other.</summary>
internal static partial class FactChecker
{
    public static IReadOnlyList<NumberMention> Mentions(DraftSection section)
    {
        var mentions = new List<NumberMention>();
        foreach (var sentence in Readability.SplitSentences(Readability.Clean(section.Content)))
        {
            foreach (var found in NumberExtractor.Extract(sentence))
            {
                mentions.Add(new NumberMention(found.Value, found.Text, found.Unit, section.SectionId, section.Title, sentence));
            }
        }

        return mentions;
    }

    public static IReadOnlyList<UnsupportedNumber> Unsupported(IEnumerable<NumberMention> mentions, ProtocolNumberIndex index) =>
        mentions
            .Select(m => (Mention: m, Reason: index.Check(m.Value, m.Unit)))
            .Where(x => x.Reason is not null)
            .Select(x => new UnsupportedNumber(x.Mention.SectionId, x.Mention.SectionTitle, x.Mention.Text, x.Mention.Value, x.Mention.Unit, x.Mention.Sentence, x.Reason!))
            .ToList();

    /// <summary>Different participant counts, total visit counts or study durations stated in different places.</summary>
    public static IReadOnlyList<Contradiction> Contradictions(IReadOnlyList<NumberMention> mentions)
    {
        var result = new List<Contradiction>();

        var participants = mentions
            .Where(m => m.Unit is not null && UnitGroups.GroupOf(m.Unit) == "participants" && EnrollmentRegex().IsMatch(m.Sentence) && !PerSiteRegex().IsMatch(m.Sentence))
            .ToList();
        AddIfDifferent(result, "participants", "The number of people in the study differs", participants, m => m.Value, 0);

        var visits = mentions
            .Where(m => m.Unit is not null && UnitGroups.GroupOf(m.Unit) == "visits" && TotalRegex().IsMatch(m.Sentence))
            .ToList();
        AddIfDifferent(result, "visits", "The total number of study visits differs", visits, m => m.Value, 0);

        var durations = mentions
            .Where(m => m.Unit is not null && DaysPer(m.Unit) is not null && DurationRegex().IsMatch(m.Sentence))
            .ToList();

        // Durations in different units ("6 months", "26 weeks") agree within 15%.
        AddIfDifferent(result, "duration", "How long people are in the study differs", durations, m => m.Value * DaysPer(m.Unit!)!.Value, 0.15);
        return result;
    }

    private static void AddIfDifferent(List<Contradiction> result, string kind, string message, List<NumberMention> mentions, Func<NumberMention, double> measure, double tolerance)
    {
        if (mentions.Count < 2)
        {
            return;
        }

        var values = mentions.Select(measure).ToList();
        var min = values.Min();
        var max = values.Max();
        if (max - min > tolerance * max + 1e-9)
        {
            var distinct = mentions.GroupBy(m => measure(m)).Select(g => g.First()).ToList();
            result.Add(new Contradiction(kind, $"{message}: {string.Join(" vs ", distinct.Select(m => $"\"{m.Text}\" ({m.SectionTitle})"))}", distinct));
        }
    }

    private static double? DaysPer(string unit) => UnitGroups.GroupOf(unit) switch
    {
        "days" => 1,
        "weeks" => 7,
        "months" => 30.44,
        "years" => 365.25,
        _ => null,
    };

    [GeneratedRegex(@"\b(?:take part|taking part|enrol\w*|join|in (?:this|the) (?:study|trial|research)|participat\w*|will be (?:asked|included)|in total|total of|worldwide|around the world)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnrollmentRegex();

    // Counts of a part of the study (per site, per group, completers) are not the enrolment total.
    [GeneratedRegex(@"\b(?:per|each|at (?:this|our|each)) (?:site|center|centre|clinic|hospital|group|arm)\b|\bin each\b|\bcomplet\w*\b|\bevaluable\b", RegexOptions.IgnoreCase)]
    private static partial Regex PerSiteRegex();

    [GeneratedRegex(@"\b(?:total|in all|altogether|overall)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TotalRegex();

    [GeneratedRegex(@"\b(?:be in (?:this|the) (?:study|trial)|take part (?:in (?:this|the) (?:study|trial) )?for|(?:study|trial|participation) (?:will )?last|in the (?:study|trial) for|(?:study|trial) takes|whole (?:study|trial))\b", RegexOptions.IgnoreCase)]
    private static partial Regex DurationRegex();
}
