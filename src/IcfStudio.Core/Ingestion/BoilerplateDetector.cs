using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Recognises chunks that hold only navigation or bibliography (a table of contents, a list of tables, a reference list):
/// they match many queries by their words yet tell a participant nothing, so they are kept out of retrieval.
/// Both tests are densities, so a chunk that mixes such lines with real content is not recognised.
/// </summary>
internal static partial class BoilerplateDetector
{
    /// <summary>Words per contents entry at most (entries are short titles); a denser chunk is all entries.</summary>
    private const int WordsPerTocEntry = 15;

    /// <summary>Words per citation signal at most (a reference is 20–50 words with one or more signals).</summary>
    private const int WordsPerReferenceSignal = 35;

    /// <summary>True when the text is a table of contents or a list of tables/figures: page-numbered entries and little else.</summary>
    public static bool IsTableOfContents(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var firstLine = text.AsSpan().TrimStart();
        var newline = firstLine.IndexOf('\n');
        var headed = TocHeading().IsMatch(newline < 0 ? firstLine : firstLine[..newline]);
        // Most chunks have no leader at all: skip the counting for them.
        if (!headed && !text.Contains("....", StringComparison.Ordinal) && !text.Contains(". . . .", StringComparison.Ordinal) && !text.Contains('…'))
        {
            return false;
        }

        var words = HeadingRules.CountWords(text);
        var entries = DotLeaderEntry().Count(text);
        if (headed)
        {
            // Under a contents heading, entries may also be a title and a page number in two columns ("Synopsis | 6").
            entries += CellPageEntry().Count(text);
        }

        return entries >= (headed ? 1 : 3) && entries * WordsPerTocEntry >= words;
    }

    /// <summary>True when the text is a list of bibliographic references: journal volumes and pages, DOIs, PMIDs, author lists.</summary>
    public static bool IsReferenceList(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = HeadingRules.CountWords(text);
        var signals = JournalVolume().Count(text) + VolumePages().Count(text) + Identifier().Count(text) + AuthorsThenTitle().Count(text);
        return signals >= 3 && signals * WordsPerReferenceSignal >= words;
    }

    /// <summary>Either test: the chunk is navigation or bibliography only.</summary>
    public static bool IsBoilerplate(string text) => IsTableOfContents(text) || IsReferenceList(text);

    /// <summary>A dot (or ellipsis) leader then a page number: "Synopsis ........ 12", ". . . . 12", "…… 12".</summary>
    [GeneratedRegex(@"(?:\.\s?){4,}\s*(?:\|\s*)?\d{1,3}\b|…{2,}\s*\d{1,3}\b")]
    private static partial Regex DotLeaderEntry();

    [GeneratedRegex(@"\S \| \d{1,3}[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex CellPageEntry();

    [GeneratedRegex(@"^\s*(?:table\s+of\s+contents|contents|list\s+of\s+(?:tables|figures|appendices|attachments|in-text\s+tables)|table\s+of\s+(?:tables|figures|appendices))\b", RegexOptions.IgnoreCase)]
    private static partial Regex TocHeading();

    /// <summary>"2008;14(5):1234" or "2017: 45:12".</summary>
    [GeneratedRegex(@"\b(?:19|20)\d{2}\s*[;:]\s*\d+\s*(?:\([^)]{1,12}\))?\s*:\s*[eE]?\d+")]
    private static partial Regex JournalVolume();

    /// <summary>"64:749-760", "3(1):13-32".</summary>
    [GeneratedRegex(@"\b\d{1,4}(?:\s?\([^)]{1,8}\))?:\s?[eE]?\d{1,6}\s?[-–]\s?[eE]?\d{1,6}\b")]
    private static partial Regex VolumePages();

    [GeneratedRegex(@"\bdoi\b|\b10\.\d{4,}/|\bPMID\b|\bPMCID\b|\bAccessed\b|\bAvailable (?:from|at)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();

    /// <summary>"…, et al. Title" or "et al. 1995." as in a reference; prose writes "Smith et al. (2017)" or "et al., 2017".</summary>
    [GeneratedRegex(@"\bet al\.\s+(?:[A-Z][a-z]|(?:19|20)\d{2}\.)")]
    private static partial Regex AuthorsThenTitle();
}
