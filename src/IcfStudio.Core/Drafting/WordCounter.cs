using System.Text.RegularExpressions;
using IcfStudio.Core.Drafting.Prompting;

namespace IcfStudio.Core.Drafting;

/// <summary>
/// The one rule for a section's word count, wherever it is counted (the stored section, the section_complete event).
/// The web counts the same way while text streams in (web/src/lib/readability.ts, wordCount), so a count never jumps on
/// reload; both sides test the cases in web/src/lib/wordCount.cases.json.
/// </summary>
internal static partial class WordCounter
{
    /// <summary>
    /// Citation keys ([P3], [P3, P4], [P3–P5]) are removed; then every run of non-space characters that holds a letter
    /// or digit is one word, so Markdown bullets, '#' and table bars are not words and "don't", "follow-up" are one.
    /// </summary>
    public static int Count(string text)
    {
        var prose = CitationParser.StripKeys(text);
        var count = 0;
        foreach (var token in Token().EnumerateMatches(prose))
        {
            if (LetterOrDigit().IsMatch(prose.AsSpan(token.Index, token.Length)))
            {
                count++;
            }
        }

        return count;
    }

    // U+FEFF counts as a space here because JavaScript's \s includes it (and .NET's \s includes U+0085, which the web adds).
    [GeneratedRegex(@"[^\s\uFEFF]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"[\p{L}\p{N}]")]
    private static partial Regex LetterOrDigit();
}
