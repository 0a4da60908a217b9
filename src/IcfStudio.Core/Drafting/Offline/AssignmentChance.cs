using System.Text.RegularExpressions;

namespace IcfStudio.Core.Drafting.Offline;

/// <summary>
/// The chance of each study group (ICH E6 4.8.10(c)), stated only as far as the protocol tells it: from an allocation ratio
/// ("randomized 2:1"), or from the number of groups when the protocol says assignment is equal ("100 patients will be
/// randomized to each of the 3 groups", "equal allocation"). Otherwise it says the group is picked by chance and that the
/// study team can tell the chance: no number is guessed. A study that is not randomized gets no sentence.
/// </summary>
internal static partial class AssignmentChance
{
    /// <summary>The sentences, in plain words, and the key of the passage that states what they rest on (null: the fact sheet).</summary>
    internal sealed record Statement(string Text, string? Key);

    private sealed record Source(string Text, string? Key);

    public static Statement? Describe(SectionContext context)
    {
        var sources = Sources(context).ToList();

        // "Blinding and randomization are not applicable": the study is not randomized, whatever its headings say.
        if (sources.Any(s => NotRandomized().IsMatch(s.Text)))
        {
            return null;
        }

        var randomized = sources.Where(s => Randomized().IsMatch(s.Text)).ToList();
        if (randomized.Count == 0)
        {
            return null;
        }

        if (randomized.Select(s => (Source: s, Match: RatioStated().Match(s.Text))).FirstOrDefault(r => r.Match.Success) is { Source: not null } ratio)
        {
            var parts = ratio.Match.Groups["ratio"].Value.Split(':').Select(p => int.Parse(p.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            if (parts.All(p => p > 0))
            {
                return new Statement(FromRatio(parts, ratio.Source.Text[(ratio.Match.Index + ratio.Match.Length)..], context.Facts), ratio.Source.Key);
            }
        }

        if (sources.FirstOrDefault(s => EachOfGroups().IsMatch(s.Text)) is { } each)
        {
            return new Statement(Equal(GroupCount(EachOfGroups().Match(each.Text).Groups["count"].Value)), each.Key);
        }

        if (sources.FirstOrDefault(s => EqualAllocation().IsMatch(s.Text) && Assignment().IsMatch(s.Text)) is { } equal
            && (CountIn(equal.Text) ?? randomized.Select(s => CountIn(s.Text)).FirstOrDefault(c => c is not null) ?? ArmCount(context.Facts)) is { } groups)
        {
            return new Statement(Equal(groups), equal.Key);
        }

        var first = randomized.FirstOrDefault(s => s.Key is not null) ?? randomized[0];
        // Worded so that it does not read as a stated probability: the protocol gives none.
        var what = randomized.Any(s => Sequence().IsMatch(s.Text))
            ? "The order in which you get the treatments is picked by chance. The study team can tell you the odds of each order."
            : "Which group you are in is picked by chance. The study team can tell you the odds for each group.";
        return new Statement(what, first.Key);
    }

    /// <summary>Whether a passage states how people are shared among the groups: a ratio, the same number in each group, or equal allocation.</summary>
    public static bool StatesAllocation(string text)
    {
        var normalized = PlainLanguage.Normalize(text);
        return EachOfGroups().IsMatch(normalized)
            || PlainLanguage.SplitSentences(normalized).Any(s => (Randomized().IsMatch(s) && RatioStated().IsMatch(s)) || (EqualAllocation().IsMatch(s) && Assignment().IsMatch(s)));
    }

    /// <summary>The sentences the writer can see: the section's passages (cited by key), then the fact sheet's title and schedule.</summary>
    private static IEnumerable<Source> Sources(SectionContext context)
    {
        foreach (var passage in context.Passages)
        {
            foreach (var sentence in PlainLanguage.SplitSentences(passage.Chunk.Text))
            {
                yield return new Source(sentence, passage.Key);
            }
        }

        if (context.Facts.Metadata.Title is { } title)
        {
            yield return new Source(title.Value, null);
        }

        foreach (var activity in context.Facts.Facts?.Visits.SelectMany(v => v.Activities) ?? [])
        {
            yield return new Source(activity, null);
        }
    }

    private static string FromRatio(int[] parts, string after, FactSheet facts)
    {
        if (parts.Distinct().Count() == 1)
        {
            return Equal(parts.Length);
        }

        var total = parts.Sum();
        var names = GroupNames(after, facts, parts.Length);
        if (names is not null)
        {
            return ByChance + " " + string.Join(" ", parts.Select((p, i) => $"Your chance of getting {names[i]} is {Chance(p, total)}."));
        }

        // The protocol gives the ratio but not which group has which share: state the shares, and who can say which is which.
        var shares = parts.Select(p => Chance(p, total)).ToList();
        return ByChance + " The groups are not the same size. Your chance is "
            + string.Join(", ", shares.Take(shares.Count - 1)) + " or " + shares[^1]
            + ", depending on the group. The study team can tell you which group is which.";
    }

    private const string ByChance = "Your group is picked by chance.";

    // The chance ends the sentence: "a one in three chance" would read to the number check as a count of "chances".
    private static string Equal(int groups) => groups == 2
        ? "Your group is picked by chance, like flipping a coin. Your chance of being in each group is one in two."
        : $"{ByChance} Your chance of being in each group is one in {Word(groups)}.";

    /// <summary>
    /// "randomized 2:1 to cardiozan or placebo": the groups named after the ratio, in the ratio's order, when every part
    /// matches one study arm, intervention or "placebo" (null when they do not line up one to one).
    /// </summary>
    private static string[]? GroupNames(string after, FactSheet facts, int count)
    {
        var clause = after.Split('.', ';')[0];
        var candidates = (facts.Facts?.Arms ?? []).Concat(facts.Facts?.Interventions ?? []).Append("placebo");
        var found = new List<(int Index, string Key, string Name)>();
        foreach (var candidate in candidates)
        {
            var key = Word().Matches(candidate).Select(m => m.Value).FirstOrDefault(w => w.Length >= 4)?.ToLowerInvariant();
            if (key is null || found.Any(f => f.Key == key))
            {
                continue;
            }

            var at = Regex.Match(clause, @"\b" + Regex.Escape(key) + @"\b", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            if (at.Success)
            {
                found.Add((at.Index, key, key == "placebo" ? "the dummy drug" : PlainLanguage.ApplyGlossary(candidate)));
            }
        }

        // Two arms sharing a name ("xanomeline low dose", "xanomeline high dose") cannot be told apart this way.
        var ambiguous = (facts.Facts?.Arms ?? []).GroupBy(a => Word().Match(a).Value.ToLowerInvariant()).Any(g => g.Count() > 1 && found.Any(f => f.Key == g.Key));
        return found.Count == count && !ambiguous ? [.. found.OrderBy(f => f.Index).Select(f => f.Name)] : null;
    }

    private static int? CountIn(string text) =>
        GroupsCounted().Match(text) is { Success: true } m ? GroupCount(m.Groups["count"].Value) : null;

    private static int? ArmCount(FactSheet facts) => facts.Facts is { Arms.Count: > 1 } usdm ? usdm.Arms.Count : null;

    private static int GroupCount(string value) => value.ToLowerInvariant() switch
    {
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        var digits => int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// "two in three", reduced ("2 in 4" is "one in two"). In words: the number is worked out from the cited ratio, not
    /// copied from it, and words keep the draft's digits exactly those of its sources.
    /// </summary>
    private static string Chance(int part, int total)
    {
        var gcd = Gcd(part, total);
        return $"{Word(part / gcd)} in {Word(total / gcd)}";
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    private static string Word(int n) => n switch
    {
        1 => "one",
        2 => "two",
        3 => "three",
        4 => "four",
        5 => "five",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [GeneratedRegex(@"\brandomi[sz](?:ed|ation|e)\b|\brandomly (?:assigned|allocated)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Randomized();

    [GeneratedRegex(@"\brandomi[sz]ation(?: and blinding)? (?:is|are|will) not (?:be )?(?:applicable|used|performed|done)\b|\bblinding and randomi[sz]ation (?:is|are) not applicable\b|\bnon-?randomi[sz]ed (?:study|trial|design)\b|\b(?:this|the) (?:study|trial) (?:is|will) not (?:be )?randomi[sz]ed\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotRandomized();

    /// <summary>"randomized 2:1", "randomly assigned in a 1:1:1 ratio", "a 3:1 allocation", "(2:1)" — parts of one or two digits, not a clock time.</summary>
    [GeneratedRegex(@"(?:\b(?:randomi[sz]ed|randomly assigned|randomly allocated|allocated|assigned)\s+(?:\w+\s+){0,2}?(?:(?:in|with|using|at)\s+an?\s+)?\(?(?<ratio>\d{1,2}(?:\s*:\s*\d{1,2}){1,3})(?![\d:])\)?(?!\s*(?:am|pm|h)\b)|\b(?<ratio>\d{1,2}(?:\s*:\s*\d{1,2}){1,3})(?![\d:])\)?\s+(?:ratio|allocation|randomi[sz]ation)\b)", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex RatioStated();

    /// <summary>"100 patients will be randomized to each of the 3 treatment groups": the same number in every group.</summary>
    [GeneratedRegex(@"\b(?:randomi[sz]ed|randomly assigned|allocated|assigned)\s+(?:equally\s+)?(?:to|into|among|between)\s+(?:each|all)\s+of\s+(?:the\s+)?(?<count>[2-6]|two|three|four|five|six)\s+(?:\w+\s+){0,2}?(?:groups|arms|cohorts|sequences)\b", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex EachOfGroups();

    /// <summary>"equal probability" says how people are shared only in a sentence about putting them in groups.</summary>
    [GeneratedRegex(@"\b(?:randomi[sz]|randomly|allocat|assign)\w*", RegexOptions.IgnoreCase)]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\bequal (?:allocation|randomi[sz]ation|probability|chance)\b|\b(?:randomi[sz]ed|allocated|assigned|divided|distributed)\s+equally\b|\bequally (?:randomi[sz]ed|allocated|assigned|divided)\b|\bin equal (?:numbers|proportions)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EqualAllocation();

    /// <summary>"to 1 of 3 treatment arms", "one of two groups", "3 arms", "(3 arm)".</summary>
    [GeneratedRegex(@"\b(?:1|one) of (?:the )?(?<count>[2-6]|two|three|four|five|six)\s+(?:\w+\s+){0,2}?(?:groups|arms|cohorts|sequences)\b|\b(?<count>[2-6]|two|three|four|five|six)[\s-](?:treatment\s+|study\s+)?(?:groups?|arms?)\b", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex GroupsCounted();

    [GeneratedRegex(@"\b(?:randomi[sz]ed|randomly assigned|randomly allocated)\b[^.]{0,60}\bsequences?\b|\bsequences?\b[^.]{0,60}\brandomi[sz]", RegexOptions.IgnoreCase)]
    private static partial Regex Sequence();

    [GeneratedRegex(@"[\p{L}][\p{L}'-]*")]
    private static partial Regex Word();
}
