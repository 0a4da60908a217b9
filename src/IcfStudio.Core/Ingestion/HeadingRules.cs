using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>Recognises numbered headings such as "6.2 Study Procedures" shared by every text-based parser.</summary>
internal static partial class HeadingRules
{
    /// <summary>
    /// Numbered headings must follow the document's numbering: a top-level "7" after "6", a "6.2" inside 6 (or the next section).
    /// This keeps numbered list items ("1. Results in death") in appendices from posing as top-level sections.
    /// </summary>
    public sealed class Sequence
    {
        private int _top;

        public bool Accept(string text, int level)
        {
            var top = TopNumber(text);
            var ok = level == 1 ? top > _top && top <= _top + 3 : top >= _top && top <= _top + 1;
            if (ok)
            {
                _top = top;
            }

            return ok;
        }
    }

    private const int MaxHeadingLength = 120;
    private const int MaxHeadingWords = 16;

    /// <summary>
    /// Parses "6.2 Study Procedures" / "6.2. Study Procedures" / "APPENDIX 1 ...": the level is the number's depth.
    /// Rejects table-of-contents lines (dot leaders, trailing page numbers) and sentences.
    /// </summary>
    public static bool TryParseNumbered(string line, out int level)
    {
        level = 0;
        var text = line.Trim();
        if (text.Length is < 3 or > MaxHeadingLength || LooksLikeTocLine(text))
        {
            return false;
        }

        var match = NumberedHeading().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var number = match.Groups["num"].Value;
        var title = match.Groups["title"].Value;
        var parts = number.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (!int.TryParse(parts[0], out var top) || top is < 1 or > 40)
        {
            return false;
        }

        if (!char.IsUpper(title[0]) || title.EndsWith('.') || title.EndsWith(',') || title.EndsWith(';')
            || CountWords(title) > MaxHeadingWords)
        {
            return false;
        }

        level = parts.Length;
        return true;
    }

    /// <summary>The first number of a numbered heading ("6" of "6.2 Visit Schedule").</summary>
    public static int TopNumber(string line)
    {
        var text = line.TrimStart();
        var end = 0;
        while (end < text.Length && char.IsDigit(text[end]))
        {
            end++;
        }

        return end > 0 && int.TryParse(text.AsSpan(0, end), out var n) ? n : 0;
    }

    public static bool LooksLikeTocLine(string text) =>
        text.Contains("....", StringComparison.Ordinal) || text.Contains(". . .", StringComparison.Ordinal)
        || text.Contains('…') || TocPageNumber().IsMatch(text);

    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }

    /// <summary>A short line that can stand as a heading by its style alone (bold or large): not a sentence, starts with a letter.</summary>
    public static bool CanBeStyledHeading(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length is >= 2 and <= MaxHeadingLength
            && (char.IsUpper(trimmed[0]) || char.IsDigit(trimmed[0]))
            && trimmed.Any(char.IsLetter)
            && !trimmed.EndsWith('.') && !trimmed.EndsWith(',') && !trimmed.EndsWith(';')
            && CountWords(trimmed) <= 12
            && !LooksLikeTocLine(trimmed);
    }

    [GeneratedRegex(@"^(?<num>\d{1,2}(?:\.\d{1,2}){0,5})\.?\s+(?<title>[^\s].*)$")]
    private static partial Regex NumberedHeading();

    // "Study Design 14" or "6.2 Study Procedures 34": a table-of-contents entry, not a heading.
    [GeneratedRegex(@"[A-Za-z\)]\s+\d{1,3}$")]
    private static partial Regex TocPageNumber();
}
