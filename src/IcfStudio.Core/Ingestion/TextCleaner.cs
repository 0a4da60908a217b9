using System.Text;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Removes the artefacts a PDF text layer (or text exported from one) leaves in a protocol, before pages are stored and
/// chunked, so that the stored page text, the chunks and any quote taken from them agree:
/// compatibility characters (ligatures "ﬁ"), margin line numbers ("86 bution"), words split by a line-end hyphen
/// ("distri-" / "bution"), and letter-spaced or reversed table text ("S c h e d u l e"). Every decision that needs a
/// dictionary uses the document's own words, so it works for any language of medicine and any sponsor's vocabulary.
/// </summary>
internal static partial class TextCleaner
{
    /// <summary>Lines of a page that must form one run of increasing numbers to be margin line numbers.</summary>
    private const int MinNumberedLines = 8;

    /// <summary>Share of a page's lines the run must cover: line numbering numbers every line, a list or a table column does not.</summary>
    private const double MinNumberedShare = 0.6;

    /// <summary>Fewest letters in a letter-spaced run worth repairing ("T a b l e").</summary>
    private const int MinSpacedLetters = 4;

    /// <summary>
    /// Unicode compatibility normalisation of what PDFs carry: ligatures ("ﬁ"), full-width forms, non-breaking and thin
    /// spaces, roman-numeral signs ("Ⅱ"), non-breaking hyphens, the ellipsis. Written out rather than NFKC because the
    /// app runs with invariant globalization (string.Normalize does nothing to these there), and because NFKC would also
    /// change what a consent form says: superscripts and subscripts ("10⁹/L" would become "109/L"), vulgar fractions
    /// ("½" would become "1⁄2") and the micro sign stay as written, as do ±, ≥, ≤, ° and ×, which NFKC leaves alone too.
    /// </summary>
    public static string Normalize(string text)
    {
        var i = 0;
        while (i < text.Length && Compatible(text[i]) is null)
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        builder.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            if (Compatible(text[i]) is { } replacement)
            {
                builder.Append(replacement);
            }
            else
            {
                builder.Append(text[i]);
            }
        }

        return builder.ToString();
    }

    private static readonly string[] Ligatures = ["ff", "fi", "fl", "ffi", "ffl", "st", "st"];

    private static readonly string[] RomanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "L", "C", "D", "M"];

    /// <summary>The plain form of a compatibility character, or null when the character stays.</summary>
    private static string? Compatible(char c) => c switch
    {
        < '\u00A0' => null,
        '\u00A0' or '\u2007' or '\u202F' or '\u3000' or (>= '\u2000' and <= '\u200A') => " ",
        '\u2010' or '\u2011' => "-",
        '\u2024' => ".",
        '\u2025' => "..",
        '\u2026' => "...",
        '\u0132' => "IJ",
        '\u0133' => "ij",
        '\u2103' => "\u00B0C",
        >= '\uFB00' and <= '\uFB06' => Ligatures[c - '\uFB00'],
        >= '\u2160' and <= '\u216F' => RomanNumerals[c - '\u2160'],
        >= '\u2170' and <= '\u217F' => RomanNumerals[c - '\u2170'].ToLowerInvariant(),
        >= '\uFF01' and <= '\uFF5E' => ((char)(c - 0xFEE0)).ToString(),
        _ => null,
    };

    /// <summary>
    /// Cleans a document's lines in place, page by page: margin line numbers, letter-spaced runs, then line-end hyphens.
    /// A line set to null is dropped (a number alone on its line, or the rest of a word moved up to the line above).
    /// Lines never move between pages, so every page keeps its own text.
    /// </summary>
    public static void CleanLines(IReadOnlyList<string?[]> pages)
    {
        foreach (var lines in pages)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i] is { } line && line.Contains('\u00AD'))
                {
                    // Soft hyphens: invisible inside a line; at its end they mark a split word for the joiner below.
                    var end = line.TrimEnd();
                    lines[i] = end.Replace("\u00AD", string.Empty, StringComparison.Ordinal) + (end.EndsWith('\u00AD') ? "\u00AD" : string.Empty);
                }
            }
        }

        StripMarginNumbers(pages);
        var vocabulary = Vocabulary.Build(pages);
        foreach (var lines in pages)
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i] is { Length: >= 2 * MinSpacedLetters - 1 } line && line.Contains(' '))
                {
                    lines[i] = RepairLetterSpacing(line, vocabulary);
                }
            }

            JoinVerticalLetters(lines, vocabulary);

            JoinHyphenated(lines, vocabulary);
        }
    }

    // ---- margin line numbers ------------------------------------------------------------------------------------

    /// <summary>
    /// Line-numbered documents print an increasing number before every line of most pages. A page's numbers are taken as
    /// line numbers only when they form one run of consecutive numbers over most of its lines, mostly before prose (a
    /// numbered table has more cells after the number), and only when the document does this on several pages.
    /// </summary>
    private static void StripMarginNumbers(IReadOnlyList<string?[]> pages)
    {
        var runs = new List<(int Page, List<int> Lines, bool Strong)>();
        foreach (var (lines, page) in pages.Select((l, p) => (l, p)))
        {
            if (LongestRun(lines) is { Count: >= 3 } run)
            {
                var content = lines.Count(l => !string.IsNullOrWhiteSpace(l));
                var prose = run.Count(i => !Rest(lines[i]!).Contains(" | ", StringComparison.Ordinal));
                var strong = run.Count >= MinNumberedLines && run.Count >= content * MinNumberedShare && prose * 2 >= run.Count;
                runs.Add((page, run, strong));
            }
        }

        var strongPages = runs.Count(r => r.Strong);
        var pagesWithText = pages.Count(lines => lines.Any(l => !string.IsNullOrWhiteSpace(l)));
        var numbered = strongPages >= 2 ? strongPages >= pagesWithText * 0.25
            : strongPages == 1 && pagesWithText == 1 && runs.Single(r => r.Strong).Lines.Count >= MinNumberedLines * 2;
        if (!numbered)
        {
            return;
        }

        foreach (var (page, run, strong) in runs)
        {
            var lines = pages[page];
            // On a numbered document a short page keeps its numbering too; a weak run must still cover half the page.
            if (!strong && run.Count * 2 < lines.Count(l => !string.IsNullOrWhiteSpace(l)))
            {
                continue;
            }

            foreach (var i in run)
            {
                var rest = Rest(lines[i]!);
                lines[i] = rest.Length == 0 ? null : rest;
            }
        }
    }

    /// <summary>The longest run of lines whose leading numbers rise by 1–3 from one numbered line to the next (skipped numbers are blank lines).</summary>
    private static List<int> LongestRun(string?[] lines)
    {
        var best = new List<int>();
        var current = new List<int>();
        var last = -1L;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] is not { } line || LeadingNumber().Match(line) is not { Success: true } match)
            {
                continue;
            }

            var number = long.Parse(match.Groups["n"].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
            if (current.Count == 0 || number - last is < 1 or > 3)
            {
                if (current.Count > best.Count)
                {
                    best = current;
                }

                current = [];
            }

            current.Add(i);
            last = number;
        }

        return current.Count > best.Count ? current : best;
    }

    private static string Rest(string line) => line[LeadingNumber().Match(line).Length..].Trim();

    // ---- letter-spaced and reversed text ------------------------------------------------------------------------

    /// <summary>
    /// "S c h e d u l e o f A c t i v i t i e s" becomes "Schedule of Activities", and a cell of rotated text read
    /// backwards ("e c n a m r o f r e P") becomes "Performance", when the letters split into words the document uses.
    /// Runs that do not ("X X X X" in a schedule) stay as they are.
    /// </summary>
    private static string RepairLetterSpacing(string line, Vocabulary vocabulary)
    {
        if (!HasSpacedRun(line))
        {
            return line;
        }

        var cells = line.Split(" | ");
        for (var c = 0; c < cells.Length; c++)
        {
            cells[c] = RepairCell(cells[c], vocabulary);
        }

        return string.Join(" | ", cells);
    }

    private static string RepairCell(string cell, Vocabulary vocabulary)
    {
        var tokens = cell.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var single = tokens.Count(t => t.Length == 1);
        if (tokens.Length >= MinSpacedLetters && single >= tokens.Length * 0.8)
        {
            // All letters: the cell may be read backwards (rotated text); take the reading that makes more known words.
            var forward = Respace(tokens, vocabulary);
            var backward = Respace(tokens.Reverse().Select(t => new string(t.Reverse().ToArray())).ToArray(), vocabulary);
            var best = backward.Known > forward.Known ? backward : forward;
            return best.Known > 0 ? best.Text : cell;
        }

        return SpacedRun().Replace(cell, m =>
        {
            var letters = m.Value.Replace(" ", string.Empty, StringComparison.Ordinal);
            return Segment(letters, vocabulary) is { } words ? string.Join(' ', words) : m.Value;
        });
    }

    /// <summary>
    /// Rotated text whose letters each became a line of their own ("S" / "c" / "r" / "e" / "e" / "n", or backwards):
    /// a run of single-letter lines that reads as known words becomes one line; any other run stays.
    /// </summary>
    private static void JoinVerticalLetters(string?[] lines, Vocabulary vocabulary)
    {
        var i = 0;
        while (i < lines.Length)
        {
            if (!IsLetterLine(lines[i]))
            {
                i++;
                continue;
            }

            var end = i;
            var letters = new List<string>();
            while (end < lines.Length && (lines[end] is null || IsLetterLine(lines[end])))
            {
                if (lines[end] is { } letter)
                {
                    letters.Add(letter.Trim());
                }

                end++;
            }

            if (letters.Count >= MinSpacedLetters)
            {
                var forward = Respace([.. letters], vocabulary);
                var backward = Respace([.. Enumerable.Reverse(letters)], vocabulary);
                var best = backward.Known > forward.Known ? backward : forward;
                if (best.Known > 0)
                {
                    lines[i] = best.Text;
                    for (var j = i + 1; j < end; j++)
                    {
                        lines[j] = null;
                    }
                }
            }

            i = end;
        }
    }

    private static bool IsLetterLine(string? line) => line is { } l && l.Trim() is { Length: 1 } t && char.IsLetter(t[0]);

    /// <summary>A cheap scan for <see cref="SpacedRun"/>: four single letters in a row, each followed by one space.</summary>
    private static bool HasSpacedRun(string line)
    {
        var run = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var single = char.IsLetter(line[i]) && (i == 0 || !char.IsLetterOrDigit(line[i - 1])) && (i + 1 == line.Length || !char.IsLetterOrDigit(line[i + 1]));
            if (single)
            {
                if (++run >= MinSpacedLetters)
                {
                    return true;
                }

                i++;
            }
            else if (line[i] != ' ')
            {
                run = 0;
            }
        }

        return false;
    }

    /// <summary>Joins runs of single letters into words; multi-letter tokens stay. Known counts the runs that split into words.</summary>
    private static (string Text, int Known) Respace(string[] tokens, Vocabulary vocabulary)
    {
        var output = new List<string>();
        var run = new StringBuilder();
        var known = 0;
        var failed = false;

        void FlushRun()
        {
            if (run.Length == 0)
            {
                return;
            }

            var letters = run.ToString();
            run.Clear();
            if (letters.Length >= 2 && Segment(letters, vocabulary) is { } words)
            {
                output.AddRange(words);
                known++;
            }
            else if (letters.Length >= 2)
            {
                failed = true;
                output.AddRange(letters.Select(ch => ch.ToString()));
            }
            else
            {
                output.Add(letters);
            }
        }

        foreach (var token in tokens)
        {
            if (token.Length == 1 && char.IsLetter(token[0]))
            {
                run.Append(token);
            }
            else
            {
                FlushRun();
                output.Add(token);
            }
        }

        FlushRun();
        return (string.Join(' ', output), failed ? 0 : known);
    }

    /// <summary>Splits letters into the fewest known words (the document's vocabulary), or null when they do not split.</summary>
    private static List<string>? Segment(string letters, Vocabulary vocabulary)
    {
        const int MaxWordLength = 30;
        var n = letters.Length;
        var lower = letters.ToLowerInvariant();
        var cost = new int[n + 1];
        var from = new int[n + 1];
        Array.Fill(cost, int.MaxValue);
        cost[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var start = Math.Max(0, end - MaxWordLength); start < end; start++)
            {
                if (cost[start] == int.MaxValue || cost[start] + 1 >= cost[end])
                {
                    continue;
                }

                var length = end - start;
                if ((length >= 2 || lower[start] is 'a') && vocabulary.IsWord(lower.AsSpan(start, length)))
                {
                    cost[end] = cost[start] + 1;
                    from[end] = start;
                }
            }
        }

        // Fewest words; a split into many short words is more likely chance than text ("x x x x").
        if (cost[n] == int.MaxValue || cost[n] * 3 > n)
        {
            return null;
        }

        var words = new List<string>(cost[n]);
        for (var end = n; end > 0; end = from[end])
        {
            words.Add(letters[from[end]..end]);
        }

        words.Reverse();
        return words;
    }

    // ---- line-end hyphens ---------------------------------------------------------------------------------------

    /// <summary>
    /// "distri-" / "bution" becomes "distribution" on the first line (the rest of the word moves up; its line keeps the
    /// rest). A compound stays hyphenated ("follow-" / "up" becomes "follow-up" when the lines are joined): the document
    /// decides — the form it uses elsewhere wins; when it uses neither, a known second part or a prefix makes a compound,
    /// while a known word and a bare suffix ("treat-" / "ment") or two parts that are no words ("distri-" / "bution")
    /// make one word. A soft hyphen always joins.
    /// </summary>
    private static void JoinHyphenated(string?[] lines, Vocabulary vocabulary)
    {
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (lines[i] is not { } line || lines[i + 1] is not { } next || line.Contains(" | ", StringComparison.Ordinal)
                || next.Contains(" | ", StringComparison.Ordinal) || !EndsWithHyphen(line) || LineEndFragment().Match(line) is not { Success: true } head
                || NextFragment().Match(next) is not { Success: true } tail)
            {
                continue;
            }

            var first = head.Groups["w"].Value;
            var soft = head.Groups["h"].Value == "\u00AD";
            if (!soft && IsCompound(first, tail.Groups["w"].Value, vocabulary))
            {
                if (head.Groups["h"].Value != "-")
                {
                    lines[i] = line[..^1] + "-";
                }

                continue;
            }

            // The whole first token of the next line moves up ("bution," too), so the page keeps every character but the hyphen.
            lines[i] = line[..(head.Index + first.Length)] + tail.Value;
            var rest = next[tail.Length..].TrimStart();
            lines[i + 1] = rest.Length == 0 ? null : rest;
        }
    }

    private static bool EndsWithHyphen(string line) => line.Length > 1 && line[^1] is '-' or '\u00AD';

    private static bool IsCompound(string first, string second, Vocabulary vocabulary)
    {
        var a = first.ToLowerInvariant();
        var b = second.ToLowerInvariant();
        var joined = vocabulary.Count(a + b);
        var compound = vocabulary.CompoundCount(a + "-" + b);
        if (compound > 0 || joined > 0)
        {
            return compound >= joined;
        }

        // Seen in neither form (a word used once): hyphenation inside a word leaves at least one part that is no word, and
        // a second part that is only a suffix ("treat-" / "ment"); a compound's parts are words or a prefix.
        return vocabulary.IsWord(b) || Prefixes.Contains(a) || (vocabulary.IsWord(a) && !Suffixes.Contains(b));
    }

    /// <summary>Word endings that are not words: a line-end split before one of them is inside a word.</summary>
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "able", "al", "ally", "ance", "ances", "ant", "ants", "ate", "ated", "ates", "ation", "ations", "cal", "ed", "ence", "ences",
        "ent", "ents", "er", "ers", "es", "ful", "ial", "ially", "ible", "ic", "ies", "ing", "ings", "ism", "ist", "ists", "ity",
        "ities", "ive", "ize", "ized", "ise", "ised", "less", "ly", "ment", "ments", "ness", "ogy", "ous", "sion", "sions", "tion",
        "tions", "ular", "ure", "ures",
    };

    /// <summary>Prefixes that form hyphenated compounds in clinical English ("non-", "re-", "post-").</summary>
    private static readonly HashSet<string> Prefixes = new(StringComparer.Ordinal)
    {
        "anti", "bi", "co", "counter", "cross", "de", "ex", "extra", "hyper", "hypo", "inter", "intra", "mid", "multi",
        "non", "over", "post", "pre", "pro", "pseudo", "re", "semi", "self", "sub", "super", "trans", "tri", "ultra", "un", "under", "well",
    };

    /// <summary>
    /// Words of the document, lowercase, with their counts, from every line except the two halves of a line-end split;
    /// hyphenated compounds counted apart ("follow-up") so either written form can be looked up.
    /// </summary>
    private sealed class Vocabulary
    {
        private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _compounds = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _compoundLookup;

        private Vocabulary()
        {
            _lookup = _words.GetAlternateLookup<ReadOnlySpan<char>>();
            _compoundLookup = _compounds.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public static Vocabulary Build(IReadOnlyList<string?[]> pages)
        {
            var vocabulary = new Vocabulary();
            foreach (var lines in pages)
            {
                var skipFirst = false;
                foreach (var line in lines)
                {
                    if (line is null)
                    {
                        continue;
                    }

                    var splitAtEnd = EndsWithHyphen(line) && LineEndFragment().IsMatch(line);
                    var count = 0;
                    (int Index, int Length) pending = default;
                    foreach (var token in Words(line))
                    {
                        // Each token is added one step late, so the last one can be left out when it is a line-end fragment.
                        if (count > 0 && !(count == 1 && skipFirst))
                        {
                            vocabulary.Add(line.AsSpan(pending.Index, pending.Length));
                        }

                        pending = token;
                        count++;
                    }

                    if (count > 0 && !splitAtEnd && !(count == 1 && skipFirst))
                    {
                        vocabulary.Add(line.AsSpan(pending.Index, pending.Length));
                    }

                    skipFirst = splitAtEnd;
                }
            }

            return vocabulary;
        }

        /// <summary>Words as letters with inner apostrophes and hyphens ("patient's", "follow-up"); a hand-written scan, run on every line.</summary>
        private static IEnumerable<(int Index, int Length)> Words(string line)
        {
            var i = 0;
            while (i < line.Length)
            {
                if (!char.IsLetter(line[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                i++;
                while (i < line.Length && (char.IsLetter(line[i])
                    || (line[i] is '\'' or '\u2019' or '-' && i + 1 < line.Length && char.IsLetter(line[i + 1]))))
                {
                    i++;
                }

                yield return (start, i - start);
            }
        }

        private void Add(ReadOnlySpan<char> token)
        {
            Span<char> lower = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
            token.ToLowerInvariant(lower);
            if (lower.Contains('-'))
            {
                Increment(_compoundLookup, lower);
                foreach (var part in ((ReadOnlySpan<char>)lower).Split('-'))
                {
                    if (lower[part] is { IsEmpty: false } piece)
                    {
                        Increment(_lookup, piece);
                    }
                }

                return;
            }

            Increment(_lookup, lower);
        }

        private static void Increment(Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup, ReadOnlySpan<char> key)
        {
            lookup.TryGetValue(key, out var count);
            lookup[key] = count + 1;
        }

        public bool IsWord(ReadOnlySpan<char> lower) => _lookup.ContainsKey(lower);

        public int Count(string lower) => _words.GetValueOrDefault(lower);

        public int CompoundCount(string lower) => _compounds.GetValueOrDefault(lower);
    }

    [GeneratedRegex(@"^(?<n>\d{1,5})(?:$|\s+\|\s+|\s+(?=\S))")]
    private static partial Regex LeadingNumber();

    /// <summary>At least four single letters separated by single spaces, not inside a longer word.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])(?:\p{L} ){3,}\p{L}(?![\p{L}\p{N}])")]
    private static partial Regex SpacedRun();

    /// <summary>A line ending in a word of two or more lowercase-ending letters and a hyphen (or soft hyphen).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])(?<w>\p{L}*\p{Ll})(?<h>[-\u00AD])$")]
    private static partial Regex LineEndFragment();

    /// <summary>The rest of the word at the start of the next line: lowercase letters, then what follows up to a space.</summary>
    [GeneratedRegex(@"^(?<w>\p{Ll}+)\S*")]
    private static partial Regex NextFragment();
}
