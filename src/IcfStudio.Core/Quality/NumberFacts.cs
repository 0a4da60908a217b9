using System.Globalization;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Quality;

/// <summary>A number found in text with its unit or context word (unit null when it has none).</summary>
internal sealed record FoundNumber(double Value, string Text, string? Unit, int Index);

/// <summary>Finds numbers with their units in English text: "12 visits", "twelve visits", "1,000 people", "twice", "10 mg".</summary>
internal static partial class NumberExtractor
{
    private static readonly Dictionary<string, int> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.OrdinalIgnoreCase)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, int> Multipliers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["once"] = 1, ["twice"] = 2, ["thrice"] = 3,
    };

    /// <summary>Words between a number and its unit that are not the unit ("12 more study visits").</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "more", "additional", "extra", "other", "separate", "total", "different", "study", "clinic", "clinical", "in-person", "scheduled",
        "planned", "small", "large", "full", "consecutive", "further", "new", "of", "the", "these", "those", "your", "our", "follow-up",
        "research", "outpatient", "overnight", "hospital", "consecutive", "straight", "calendar", "approximately", "about",
    };

    /// <summary>Words that cannot be a unit: the number then has no context worth checking ("1 of", "2 and").</summary>
    private static readonly HashSet<string> NotUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "or", "to", "in", "on", "at", "for", "with", "by", "from", "as", "is", "are", "was", "were", "be", "been",
        "will", "would", "can", "could", "may", "might", "should", "must", "shall", "has", "have", "had", "do", "does", "did", "you",
        "we", "they", "he", "she", "it", "i", "that", "this", "which", "who", "than", "then", "if", "but", "not", "no", "so", "per",
        "after", "before", "during", "within", "up", "out", "into", "over", "under", "between", "each", "every", "all", "any", "its",
        "their", "his", "her", "my", "me", "us", "them", "there", "here", "when", "where", "how", "what", "why", "also", "only",
    };

    /// <summary>Words before a number that make it a label or reference, not a quantity ("Section 5", "version 2").</summary>
    private static readonly HashSet<string> ReferenceLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "section", "sections", "version", "page", "pages", "appendix", "table", "figure", "step", "part", "phase", "amendment",
        "no", "number", "cfr", "usc", "chapter", "item", "line", "room", "suite", "box", "ext", "extension", "v", "p", "grade",
    };

    /// <summary>Words before a number that name a time point of the schedule ("Visit 3", "Day 28").</summary>
    private static readonly HashSet<string> TimePointLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        "day", "week", "month", "visit", "cycle", "year", "dose", "period", "cohort", "arm", "group",
    };

    public static IReadOnlyList<FoundNumber> Extract(string text, bool requireUnit = true)
    {
        var masked = Mask(text);
        var tokens = TokenRegex().Matches(masked).Select(m => (m.Value, m.Index)).ToList();
        var results = new List<FoundNumber>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!TryParseNumber(tokens, i, out var value, out var next, out var written))
            {
                continue;
            }

            var previous = i > 0 ? tokens[i - 1].Value : "";

            // The second number of a ratio ("1 in 2 chance", "3 out of 10 people") is not a count of its unit.
            var ratio = i >= 2 && previous.Equals("in", StringComparison.OrdinalIgnoreCase) && char.IsDigit(tokens[i - 2].Value[0])
                || i >= 3 && previous.Equals("of", StringComparison.OrdinalIgnoreCase) && tokens[i - 2].Value.Equals("out", StringComparison.OrdinalIgnoreCase);
            if (ratio || ReferenceLabels.Contains(previous) || previous is "#" or "v" or "V")
            {
                i = next - 1;
                continue;
            }

            var numbers = new List<(double Value, int Start, int End)> { (value, i, next) };

            // A range or pair shares the unit after its second number: "18 to 65 years", "2 or 3 visits".
            var unitAt = next;
            if (next + 1 < tokens.Count && tokens[next].Value is "to" or "-" or "–" or "or" or "and" &&
                TryParseNumber(tokens, next + 1, out var second, out var afterSecond, out _))
            {
                numbers.Add((second, next + 1, afterSecond));
                unitAt = afterSecond;
            }

            var unit = tokens[i].Value.ToLowerInvariant() is "once" or "twice" or "thrice" ? "times" : FindUnit(tokens, unitAt);
            if (unit is null && TimePointLabels.Contains(previous))
            {
                unit = previous.ToLowerInvariant();
            }

            // Written "one" is too often a pronoun ("one of the…"); keep it only with a unit we know.
            if (written && value == 1 && (unit is null || UnitGroups.GroupOf(unit) is null))
            {
                i = next - 1;
                continue;
            }

            if (unit is null && requireUnit)
            {
                i = next - 1;
                continue;
            }

            var endToken = unitAt < tokens.Count && unit is not null ? Math.Min(tokens.Count - 1, UnitTokenIndex(tokens, unitAt)) : numbers[^1].End - 1;
            var start = tokens[i].Index;
            var end = tokens[endToken].Index + tokens[endToken].Value.Length;
            var phrase = text[start..Math.Min(text.Length, end)];
            foreach (var (v, s, _) in numbers)
            {
                results.Add(new FoundNumber(v, phrase, unit, tokens[s].Index));
            }

            i = numbers[^1].End - 1;
        }

        return results;
    }

    private static int UnitTokenIndex(List<(string Value, int Index)> tokens, int at)
    {
        var skipped = 0;
        while (at < tokens.Count && Fillers.Contains(tokens[at].Value) && skipped < 3)
        {
            at++;
            skipped++;
        }

        return at;
    }

    private static string? FindUnit(List<(string Value, int Index)> tokens, int at)
    {
        if (at >= tokens.Count)
        {
            return null;
        }

        if (tokens[at].Value is "%")
        {
            return "%";
        }

        var index = UnitTokenIndex(tokens, at);
        if (index >= tokens.Count)
        {
            return null;
        }

        var word = tokens[index].Value;
        if (!char.IsLetter(word[0]) || NotUnits.Contains(word) || WordValue(word) is not null)
        {
            return null;
        }

        return word.ToLowerInvariant();
    }

    private static bool TryParseNumber(List<(string Value, int Index)> tokens, int i, out double value, out int next, out bool written)
    {
        value = 0;
        next = i + 1;
        written = false;
        var token = tokens[i].Value;
        if (char.IsDigit(token[0]))
        {
            return double.TryParse(token.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        if (Multipliers.TryGetValue(token, out var times))
        {
            value = times;
            written = true;
            return true;
        }

        // Written numbers: "twelve", "twenty-four", "one hundred and fifty", "three thousand".
        var total = 0.0;
        var current = 0.0;
        var j = i;
        var any = false;
        while (j < tokens.Count)
        {
            var w = tokens[j].Value;
            if (WordValue(w) is { } small)
            {
                current += small;
            }
            else if (any && w.Equals("hundred", StringComparison.OrdinalIgnoreCase))
            {
                current = Math.Max(current, 1) * 100;
            }
            else if (any && w.Equals("thousand", StringComparison.OrdinalIgnoreCase))
            {
                total += Math.Max(current, 1) * 1000;
                current = 0;
            }
            else if (any && w.Equals("and", StringComparison.OrdinalIgnoreCase) && j + 1 < tokens.Count && WordValue(tokens[j + 1].Value) is not null)
            {
                // "one hundred and five"
            }
            else
            {
                break;
            }

            any = true;
            j++;
        }

        if (!any)
        {
            return false;
        }

        value = total + current;
        next = j;
        written = true;
        return true;
    }

    /// <summary>The value of "seven", "twenty" or "twenty-four"; null for other words.</summary>
    private static int? WordValue(string word)
    {
        if (Units.TryGetValue(word, out var unit))
        {
            return unit;
        }

        if (Tens.TryGetValue(word, out var tens))
        {
            return tens;
        }

        var dash = word.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && Tens.TryGetValue(word[..dash], out var t) && Units.TryGetValue(word[(dash + 1)..], out var u) && u is > 0 and < 10
            ? t + u
            : null;
    }

    /// <summary>Hides phone numbers, times, dates, regulation references and codes (NCT01234567, ABC-123) from extraction.</summary>
    private static string Mask(string text)
    {
        var masked = MaskRegex().Replace(text, m => new string(' ', m.Length));
        return masked;
    }

    [GeneratedRegex(@"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b|\b1[\s.-]\d{3}[\s.-]\d{3}[\s.-]\d{4}\b|\b\d{1,2}:\d{2}\b|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d+\s*(?:CFR|U\.?S\.?C\.?)\s*[\d.()a-z]*|\b[A-Za-z]+[-_]?\d+[\w-]*\b|\b(?:19|20)\d{2}\b(?!\s*(?:participants|people|subjects|patients))|\[[^\]]*\]|\b\d+\.\d+\.\d+[\d.]*\b", RegexOptions.IgnoreCase)]
    private static partial Regex MaskRegex();

    [GeneratedRegex(@"\p{L}+(?:[-'’]\p{L}+)*|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|%|\$|[^\s\p{L}\d]")]
    private static partial Regex TokenRegex();
}

/// <summary>Units that mean the same for checking ("participants" ≈ "subjects" ≈ "patients").</summary>
internal static class UnitGroups
{
    private static readonly (string Group, string[] Stems)[] Groups =
    [
        ("participants", ["participant", "subject", "patient", "people", "person", "volunteer", "individual", "adult", "child", "men", "women", "enrol", "randomi", "sample size", "n =", "n="]),
        ("days", ["day", "daily"]),
        ("weeks", ["week", "wk", "weekly"]),
        ("months", ["month", "monthly"]),
        ("years", ["year", "yr", "age", "aged", "annual"]),
        ("hours", ["hour", "hr", "h"]),
        ("minutes", ["minute", "min"]),
        ("visits", ["visit", "appointment"]),
        ("times", ["time", "twice", "once", "thrice", "daily", "bid", "tid", "qd", "x"]),
        ("mg", ["mg", "milligram"]),
        ("ml", ["ml", "millilit", "cc"]),
        ("%", ["%", "percent", "per cent"]),
        ("sites", ["site", "center", "centre", "hospital", "clinic", "countr"]),
        ("groups", ["group", "arm", "cohort"]),
        ("doses", ["dose", "dosing", "injection", "infusion"]),
        ("tablets", ["tablet", "pill", "capsule"]),
        ("samples", ["sample", "tube", "specimen"]),
    ];

    public static string? GroupOf(string unit)
    {
        var u = unit.ToLowerInvariant();
        foreach (var (group, stems) in Groups)
        {
            if (stems.Any(s => u.StartsWith(s, StringComparison.Ordinal) && (s.Length > 2 || u.Length <= s.Length + 1)))
            {
                return group;
            }
        }

        return u switch
        {
            "once" or "twice" or "thrice" => "times",
            "people" or "persons" or "children" => "participants",
            _ => null,
        };
    }

    /// <summary>The stems to look for near a number in the protocol for this unit.</summary>
    public static IReadOnlyList<string> StemsOf(string unit)
    {
        var group = GroupOf(unit);
        if (group is not null)
        {
            return Groups.First(g => g.Group == group).Stems;
        }

        var u = unit.ToLowerInvariant();
        var stem = u.EndsWith("ies", StringComparison.Ordinal) ? u[..^3] + "y"
            : u.EndsWith("es", StringComparison.Ordinal) && u.Length > 4 ? u[..^2]
            : u.EndsWith('s') && u.Length > 3 ? u[..^1]
            : u;
        return [stem];
    }
}

/// <summary>Every number in the protocol and fact sheet with the words around it, to check a draft's numbers against.</summary>
internal sealed class ProtocolNumberIndex
{
    private const int Before = 80;
    private const int After = 60;

    private readonly Dictionary<double, List<string>> _windows = [];

    public ProtocolNumberIndex(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            foreach (var found in NumberExtractor.Extract(text, requireUnit: false))
            {
                var start = Math.Max(0, found.Index - Before);
                var end = Math.Min(text.Length, found.Index + found.Text.Length + After);
                var window = " " + text[start..end].ToLowerInvariant().Replace('\n', ' ') + " ";
                if (!_windows.TryGetValue(found.Value, out var list))
                {
                    _windows[found.Value] = list = [];
                }

                if (list.Count < 200)
                {
                    list.Add(window);
                }
            }
        }
    }

    public static ProtocolNumberIndex Empty { get; } = new([]);

    public bool IsEmpty => _windows.Count == 0;

    /// <summary>Null when the protocol supports the number with this unit, otherwise why not.</summary>
    public string? Check(double value, string? unit)
    {
        if (!_windows.TryGetValue(value, out var windows))
        {
            return "not found in the protocol or fact sheet";
        }

        if (unit is null)
        {
            return null;
        }

        var stems = UnitGroups.StemsOf(unit);
        foreach (var window in windows)
        {
            foreach (var stem in stems)
            {
                if (ContainsWordStart(window, stem))
                {
                    return null;
                }
            }
        }

        return $"{FormatValue(value)} is in the protocol, but never with \"{unit}\"";
    }

    public static string FormatValue(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static bool ContainsWordStart(string window, string stem)
    {
        var at = 0;
        while ((at = window.IndexOf(stem, at, StringComparison.Ordinal)) >= 0)
        {
            var before = at == 0 ? ' ' : window[at - 1];
            var afterIndex = at + stem.Length;
            var after = afterIndex < window.Length ? window[afterIndex] : ' ';

            // Short stems ("h", "x", "%") must stand alone or follow a digit; longer ones may start a word ("visit" → "visits").
            var startOk = !char.IsLetter(before);
            var endOk = stem.Length > 2 || !char.IsLetter(after);
            if (startOk && endOk)
            {
                return true;
            }

            at++;
        }

        return false;
    }
}
