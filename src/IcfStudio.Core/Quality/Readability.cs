using System.Text;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Quality;

/// <summary>Reading-level measures of one passage. Grades and scores are rounded to one decimal.</summary>
/// <param name="FleschKincaidGrade">Kincaid et al. (1975): 0.39 × words/sentence + 11.8 × syllables/word − 15.59.</param>
/// <param name="FleschReadingEase">Flesch (1948): 206.835 − 1.015 × words/sentence − 84.6 × syllables/word (higher is easier).</param>
/// <param name="Smog">McLaughlin (1969): 1.043 × √(polysyllables × 30 / sentences) + 3.1291.</param>
/// <param name="LongWords">Words of three or more syllables (the "hard words" of SMOG and Gunning).</param>
/// <param name="LongWordExamples">A few distinct long words, most frequent first, to show the writer.</param>
public sealed record ReadabilityResult(
    double FleschKincaidGrade,
    double FleschReadingEase,
    double Smog,
    double AverageSentenceLength,
    double AverageSyllablesPerWord,
    int Words,
    int Sentences,
    int Syllables,
    int LongWords,
    double LongWordPercent,
    IReadOnlyList<string> LongWordExamples)
{
    public static ReadabilityResult Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, []);
}

/// <summary>
/// Readability formulas over English prose that may carry light Markdown and citation markers such as [P3].
/// Syllables are counted by rule (vowel groups with English corrections) plus a small exception list.
/// </summary>
internal static partial class Readability
{
    private const int MaxExamples = 8;

    public static double FleschKincaidGrade(string text) => Analyze(text).FleschKincaidGrade;

    public static ReadabilityResult Analyze(string text)
    {
        var sentences = SplitSentences(Clean(text));
        var words = 0;
        var syllables = 0;
        var longWords = 0;
        var examples = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var sentenceCount = 0;
        foreach (var sentence in sentences)
        {
            var inSentence = 0;
            foreach (Match m in WordRegex().Matches(sentence))
            {
                var word = m.Value;
                var count = CountSyllables(word);
                inSentence++;
                syllables += count;
                if (count >= 3)
                {
                    longWords++;
                    examples[word.ToLowerInvariant()] = examples.GetValueOrDefault(word.ToLowerInvariant()) + 1;
                }
            }

            if (inSentence > 0)
            {
                words += inSentence;
                sentenceCount++;
            }
        }

        return Compute(words, sentenceCount, syllables, longWords, examples
            .OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Take(MaxExamples).Select(e => e.Key).ToList());
    }

    /// <summary>The formulas from raw counts (public so tests can check them against published worked examples).</summary>
    public static ReadabilityResult Compute(int words, int sentences, int syllables, int polysyllables, IReadOnlyList<string>? examples = null)
    {
        if (words == 0 || sentences == 0)
        {
            return ReadabilityResult.Empty;
        }

        var wordsPerSentence = (double)words / sentences;
        var syllablesPerWord = (double)syllables / words;
        var grade = (0.39 * wordsPerSentence) + (11.8 * syllablesPerWord) - 15.59;
        var ease = 206.835 - (1.015 * wordsPerSentence) - (84.6 * syllablesPerWord);
        var smog = (1.0430 * Math.Sqrt(polysyllables * (30.0 / sentences))) + 3.1291;
        return new ReadabilityResult(
            Round(grade),
            Round(ease),
            Round(smog),
            Round(wordsPerSentence),
            Math.Round(syllablesPerWord, 2, MidpointRounding.AwayFromZero),
            words,
            sentences,
            syllables,
            polysyllables,
            Round(100.0 * polysyllables / words),
            examples ?? []);
    }

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    /// <summary>Removes citation markers, Markdown syntax and heading lines (titles are not prose).</summary>
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0)
            {
                builder.Append('\n');
                continue;
            }

            if (line.StartsWith('#') || HorizontalRuleRegex().IsMatch(line) || line.StartsWith('|') && TableRuleRegex().IsMatch(line))
            {
                builder.Append('\n');
                continue;
            }

            line = ListMarkerRegex().Replace(line, string.Empty);
            line = line.TrimStart('>', ' ');
            line = CitationRegex().Replace(line, string.Empty);
            line = LinkRegex().Replace(line, "$1");
            line = line.Replace("**", string.Empty, StringComparison.Ordinal)
                .Replace("__", string.Empty, StringComparison.Ordinal)
                .Replace("`", string.Empty, StringComparison.Ordinal)
                .Replace('|', '\n'); // each table cell is its own unit
            line = EmphasisRegex().Replace(line, "$1");
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Splits on sentence-ending punctuation (not after common abbreviations or inside decimals) and on line ends,
    /// since list items and table cells without a full stop are still separate units for a reader.
    /// </summary>
    public static IReadOnlyList<string> SplitSentences(string cleaned)
    {
        var result = new List<string>();
        foreach (var line in cleaned.Split('\n'))
        {
            var start = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c is not ('.' or '!' or '?'))
                {
                    continue;
                }

                var next = i + 1 < line.Length ? line[i + 1] : ' ';
                if (c == '.' && char.IsDigit(next))
                {
                    continue;
                }

                if (!char.IsWhiteSpace(next) && next is not ('"' or '\'' or ')' or '”' or '’'))
                {
                    continue;
                }

                if (c == '.' && IsAbbreviation(line, i))
                {
                    continue;
                }

                // Swallow runs like "?!" or "..." and closing quotes.
                var end = i + 1;
                while (end < line.Length && line[end] is '.' or '!' or '?' or '"' or '\'' or ')' or '”' or '’')
                {
                    end++;
                }

                Add(result, line[start..end]);
                start = end;
                i = end - 1;
            }

            Add(result, line[start..]);
        }

        return result;

        static void Add(List<string> list, string s)
        {
            s = s.Trim();
            if (s.Length > 0 && s.Any(char.IsLetterOrDigit))
            {
                list.Add(s);
            }
        }
    }

    internal static bool IsAbbreviation(string line, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(line[start - 1]))
        {
            start--;
        }

        var token = line[start..dot];
        if (token.Length == 0)
        {
            return false;
        }

        // Initials ("J. Smith") and dotted forms ("e.g.", "U.S.").
        if (token.Length == 1 && (char.IsUpper(token[0]) || (start > 0 && line[start - 1] == '.')))
        {
            return true;
        }

        return Abbreviations.Contains(token);
    }

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "approx", "no", "fig", "inc", "ltd", "jr", "sr",
        "e", "i", "eg", "ie", "al", "min", "max", "hr", "hrs", "wk", "wks", "mo", "yr", "yrs", "ca", "cf", "ref", "vol", "pp",
    };

    /// <summary>Syllables of one English word (digits count as one word of one syllable per number).</summary>
    public static int CountSyllables(string word)
    {
        var w = word.ToLowerInvariant().Trim('\'', '’');
        if (w.Length == 0)
        {
            return 0;
        }

        if (!w.Any(char.IsLetter))
        {
            return 1;
        }

        // Hyphenated compounds count part by part.
        if (w.Contains('-', StringComparison.Ordinal))
        {
            return w.Split('-', StringSplitOptions.RemoveEmptyEntries).Sum(CountSyllables);
        }

        if (w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("’s", StringComparison.Ordinal))
        {
            w = w[..^2];
        }

        w = new string(w.Where(char.IsLetter).ToArray());
        if (w.Length == 0)
        {
            return 1;
        }

        if (Exceptions.TryGetValue(w, out var known))
        {
            return known;
        }

        // A plural or third-person "s" adds no syllable unless the stem is an exception ("lives", "cases").
        if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && Exceptions.TryGetValue(w[..^1], out var stem))
        {
            return stem;
        }

        if (w.Length <= 3)
        {
            return Math.Max(1, VowelGroups(w));
        }

        foreach (var (suffix, added) in AddedSuffixes)
        {
            if (w.EndsWith(suffix, StringComparison.Ordinal) && w.Length > suffix.Length + 2)
            {
                var stemWord = w[..^suffix.Length];
                if (VowelGroups(stemWord) > 0)
                {
                    return CountSyllables(stemWord) + added;
                }
            }
        }

        var extra = 0;
        var core = w;

        // Silent final -e, except consonant + "le" ("table") and words whose only vowel is that e ("the").
        if (core.EndsWith('e') && !core.EndsWith("ee", StringComparison.Ordinal) && !core.EndsWith("ie", StringComparison.Ordinal))
        {
            var leSyllable = core.EndsWith("le", StringComparison.Ordinal) && core.Length > 2 && !IsVowel(core, core.Length - 3);
            if (!leSyllable)
            {
                core = core[..^1];
            }
            else
            {
                extra++;
                core = core[..^2];
            }
        }
        else if (core.EndsWith("es", StringComparison.Ordinal) && core.Length > 3)
        {
            // "-es" is voiced after sibilants ("boxes", "changes"), silent otherwise ("makes").
            var before = core[..^2];
            if (before.EndsWith('s') || before.EndsWith('x') || before.EndsWith('z') || before.EndsWith("ch", StringComparison.Ordinal) ||
                before.EndsWith("sh", StringComparison.Ordinal) || before.EndsWith('g') || before.EndsWith('c'))
            {
                extra++;
                core = before;
            }
            else if (before.EndsWith('l') && before.Length > 1 && !IsVowel(before, before.Length - 2))
            {
                extra++; // "tables"
                core = before[..^1];
            }
            else
            {
                core = before;
            }
        }
        else if (core.EndsWith("ed", StringComparison.Ordinal) && core.Length > 3)
        {
            // "-ed" is a syllable only after t or d ("wanted", "needed").
            var before = core[..^2];
            if (before.EndsWith('t') || before.EndsWith('d'))
            {
                extra++;
            }

            core = before;
        }

        return Math.Max(1, VowelGroups(core) + extra + SplitPairs(core));
    }

    private static int VowelGroups(string w)
    {
        var groups = 0;
        var inGroup = false;
        for (var i = 0; i < w.Length; i++)
        {
            var vowel = IsVowel(w, i);
            if (vowel && !inGroup)
            {
                groups++;
            }

            inGroup = vowel;
        }

        return groups;
    }

    /// <summary>Adjacent vowels usually spoken as two syllables ("tri-al", "bi-ol-o-gy", "ac-tu-al", "me-di-um").</summary>
    private static int SplitPairs(string w)
    {
        var count = 0;
        foreach (Match m in SplitPairRegex().Matches(w))
        {
            // "-tion", "-sion", "-cial", "-tial", "-cious", "-geous" are one syllable.
            var at = m.Index;
            if (at > 0 && w[at] == 'i' && w[at - 1] is 't' or 'c' or 's' or 'x' or 'g' && at + 1 < w.Length && w[at + 1] is 'o' or 'a' or 'e')
            {
                var rest = w[(at + 1)..];
                if (rest.StartsWith("on", StringComparison.Ordinal) || rest.StartsWith("ou", StringComparison.Ordinal) ||
                    rest.StartsWith("al", StringComparison.Ordinal) || rest.StartsWith("an", StringComparison.Ordinal) ||
                    rest.StartsWith("en", StringComparison.Ordinal))
                {
                    continue;
                }
            }

            if (at > 0 && w[at] == 'e' && w[at - 1] is 'g' or 'c' && at + 1 < w.Length && w[at + 1] == 'o')
            {
                continue; // "pigeon", "ocean"-like
            }

            if (at > 0 && w[at] == 'u' && w[at - 1] == 'q')
            {
                continue; // "qua", "quo"
            }

            count++;
        }

        return count;
    }

    private static bool IsVowel(string w, int i)
    {
        var c = w[i];
        if (c is 'a' or 'e' or 'i' or 'o' or 'u')
        {
            return true;
        }

        // "y" is a vowel except at the start of a word or a syllable before a vowel ("yes", "beyond").
        return c == 'y' && i > 0 && !(i + 1 < w.Length && w[i + 1] is 'a' or 'e' or 'i' or 'o' or 'u');
    }

    private static readonly (string Suffix, int Syllables)[] AddedSuffixes =
    [
        ("ings", 1), ("ing", 1), ("fully", 2), ("ful", 1), ("ness", 1), ("ments", 1), ("ment", 1), ("less", 1), ("ly", 1),
    ];

    /// <summary>Words the rules get wrong, with dictionary syllable counts (frequent in consent forms).</summary>
    private static readonly Dictionary<string, int> Exceptions = new(StringComparer.Ordinal)
    {
        ["people"] = 2, ["area"] = 3, ["areas"] = 3, ["idea"] = 3, ["ideas"] = 3, ["create"] = 2, ["created"] = 3, ["creating"] = 3,
        ["being"] = 2, ["doing"] = 2, ["going"] = 2, ["seeing"] = 2, ["every"] = 2, ["everyone"] = 3, ["everything"] = 3,
        ["business"] = 2, ["different"] = 3, ["interest"] = 3, ["interested"] = 4, ["several"] = 3, ["family"] = 3,
        ["average"] = 3, ["evening"] = 2, ["general"] = 3, ["generally"] = 4, ["usually"] = 4, ["actually"] = 4,
        ["really"] = 2, ["real"] = 1, ["period"] = 3, ["periods"] = 3, ["science"] = 2, ["scientist"] = 3, ["quiet"] = 2,
        ["diet"] = 2, ["client"] = 2, ["patient"] = 2, ["patients"] = 2, ["ancient"] = 2, ["sufficient"] = 3, ["efficient"] = 3,
        ["variable"] = 4, ["reliable"] = 4, ["liable"] = 3, ["fire"] = 1, ["hour"] = 1, ["hours"] = 1, ["our"] = 1,
        ["medicine"] = 3, ["medicines"] = 3, ["vegetable"] = 4, ["comfortable"] = 3, ["uncomfortable"] = 4,
        ["nuclear"] = 3, ["poem"] = 2, ["poet"] = 2, ["lion"] = 2, ["giant"] = 2, ["via"] = 2,
        ["the"] = 1, ["are"] = 1, ["were"] = 1, ["where"] = 1, ["there"] = 1, ["here"] = 1, ["more"] = 1, ["sure"] = 1,
        ["one"] = 1, ["once"] = 1, ["some"] = 1, ["come"] = 1, ["done"] = 1, ["gone"] = 1, ["none"] = 1, ["give"] = 1,
        ["have"] = 1, ["live"] = 1, ["lives"] = 1, ["love"] = 1, ["move"] = 1, ["whole"] = 1, ["maybe"] = 2, ["recipe"] = 3,
        ["anemia"] = 4, ["biopsy"] = 3, ["biopsies"] = 3, ["placebo"] = 3, ["pharmaceutical"] = 5, ["hospitalization"] = 6,
        ["questionnaire"] = 3, ["questionnaires"] = 3, ["insurance"] = 3, ["procedure"] = 3, ["procedures"] = 3,
        ["experience"] = 4, ["experiences"] = 5, ["confidentiality"] = 6, ["compensation"] = 4, ["participate"] = 4,
        ["participant"] = 4, ["participants"] = 4, ["participation"] = 5, ["voluntary"] = 4, ["investigational"] = 6,
        ["investigator"] = 5, ["investigators"] = 5, ["research"] = 2, ["therapy"] = 3, ["video"] = 3, ["radio"] = 3,
        ["iodine"] = 3, ["audio"] = 3, ["trial"] = 2, ["trials"] = 2, ["denied"] = 2, ["tried"] = 1,
        ["died"] = 1, ["lied"] = 1, ["blood"] = 1, ["vein"] = 1, ["veins"] = 1, ["eye"] = 1, ["eyes"] = 1, ["dye"] = 1, ["whose"] = 1, ["those"] = 1,
        ["because"] = 2, ["before"] = 2, ["therefore"] = 2, ["somewhere"] = 2, ["anywhere"] = 3, ["likely"] = 2, ["unlikely"] = 3,
        ["sometimes"] = 2, ["something"] = 2, ["someone"] = 2, ["anyone"] = 3, ["whenever"] = 3, ["however"] = 3,
        ["able"] = 2, ["unable"] = 3, ["possible"] = 3, ["responsible"] = 4, ["available"] = 4, ["reasonable"] = 4,
        ["pregnancy"] = 3, ["pregnant"] = 2, ["alcohol"] = 3, ["serious"] = 3, ["previous"] = 3, ["various"] = 3,
        ["obvious"] = 3, ["behavior"] = 3, ["behaviour"] = 3, ["senior"] = 2, ["junior"] = 2, ["million"] = 2, ["billion"] = 2,
        ["opinion"] = 3, ["union"] = 2, ["onion"] = 2, ["companion"] = 3, ["familiar"] = 3, ["brilliant"] = 2,
        ["annual"] = 3, ["usual"] = 3, ["individual"] = 5, ["individuals"] = 5, ["situation"] = 4,
        ["evaluate"] = 4, ["evaluation"] = 5, ["gradual"] = 3, ["fluid"] = 2, ["fluids"] = 2, ["ruin"] = 2, ["cruel"] = 2,
        ["society"] = 4, ["anxiety"] = 4, ["variety"] = 4, ["guidance"] = 2, ["guide"] = 1,
        ["guess"] = 1, ["guest"] = 1, ["build"] = 1, ["built"] = 1, ["buy"] = 1, ["guy"] = 1, ["queue"] = 1,
        ["ocean"] = 2, ["hundred"] = 2, ["hundreds"] = 2, ["region"] = 2, ["religion"] = 3, ["legion"] = 2, ["cancer"] = 2, ["cancers"] = 2,
    };

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")]
    private static partial Regex WordRegex();

    // Citation markers the drafter emits: [P3], [P3, P5], [p. 12], [P3-P4], [3].
    [GeneratedRegex(@"\s*\[(?:[Pp]\.?\s*\d+(?:\s*[-–,;]\s*[Pp]?\.?\s*\d+)*|\d+(?:\s*[,–-]\s*\d+)*)\]")]
    private static partial Regex CitationRegex();

    [GeneratedRegex(@"^\s*(?:[-*+•]|\d+[.)])\s+")]
    private static partial Regex ListMarkerRegex();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])[*_]([^*_]+)[*_](?![\p{L}\p{N}])")]
    private static partial Regex EmphasisRegex();

    [GeneratedRegex(@"^(?:[-*_]\s*){3,}$")]
    private static partial Regex HorizontalRuleRegex();

    [GeneratedRegex(@"^\|?[\s:\-|]+\|?$")]
    private static partial Regex TableRuleRegex();

    [GeneratedRegex("(?:ia|io|iu|eo|ua|uo|ii|ie(?=[rt]))")]
    private static partial Regex SplitPairRegex();
}
