using System.Text.RegularExpressions;

namespace IcfStudio.Core.Profile;

/// <summary>A sentence of a stored page, with the section (heading path) it sits in.</summary>
internal sealed record ProfileSentence(string? DocumentId, int Page, string Text, string Section);

/// <summary>Quotes: a quote is "on a page" when it is in the page's stored text with runs of white space made one space.</summary>
public static partial class ProfileText
{
    /// <summary>Runs of white space (line ends included) as one space, trimmed.</summary>
    public static string Normalize(string text) => Spaces().Replace(text, " ").Trim();

    /// <summary>True when the quote is in the page text (white space normalised, case kept).</summary>
    public static bool IsOnPage(string pageText, string quote) =>
        quote.Trim().Length > 0 && Normalize(pageText).Contains(Normalize(quote), StringComparison.Ordinal);

    /// <summary>
    /// True when a quote written by someone else (the LLM) is on the page: white space, a word split by a line-end hyphen
    /// and case do not matter; at least 3 characters.
    /// </summary>
    public static bool IsQuotedOn(string pageText, string? quote)
    {
        var wanted = JoinLineEndHyphens(quote ?? "");
        return wanted.Length >= 3 && JoinLineEndHyphens(pageText).Contains(wanted, StringComparison.OrdinalIgnoreCase);
    }

    private static string JoinLineEndHyphens(string text) => Normalize(LineEndHyphen().Replace(text, "$1$2"));

    /// <summary>Sentences of a block of text (a paragraph, a list item, a table row): split after ., ! or ? before a capital.</summary>
    internal static IEnumerable<string> SplitSentences(string block) =>
        SentenceEnd().Split(block).Select(s => s.Trim()).Where(s => s.Length > 0);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(\p{L})-\s*\n\s*(\p{L})")]
    private static partial Regex LineEndHyphen();

    [GeneratedRegex(@"(?<=[\p{Ll}0-9%)\]][.!?])\s+(?=[\p{Lu}(\[])")]
    private static partial Regex SentenceEnd();
}
