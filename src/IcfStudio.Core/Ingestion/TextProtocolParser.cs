using System.Text;
using System.Text.RegularExpressions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Plain text and Markdown. Pages: a form feed (\f) starts a new page; without any form feed pages are estimated
/// (<see cref="PageEstimator.WordsPerPage"/>). Headings: "#" lines in Markdown, numbered headings ("6.2 Visit Schedule") in both.
/// </summary>
internal static partial class TextProtocolParser
{
    public static ParsedLayout Parse(string text, bool markdown)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var hasFormFeeds = text.Contains('\f');
        var rawPageTexts = hasFormFeeds ? text.Split('\f') : [text];
        var pageLines = Array.ConvertAll(rawPageTexts, page => Array.ConvertAll(page.Split('\n'), line => (string?)TextCleaner.Normalize(line)));
        TextCleaner.CleanLines(pageLines);
        var blocks = new List<DocumentBlock>();
        var pageTexts = new List<StringBuilder>();
        var page = 1;
        var wordsOnPage = 0;
        MetadataField? titleHint = null;
        var paragraph = new StringBuilder();
        var paragraphKind = BlockKind.Paragraph;
        var inCodeFence = false;
        var sequence = new HeadingRules.Sequence();

        StringBuilder PageText()
        {
            while (pageTexts.Count < page)
            {
                pageTexts.Add(new StringBuilder());
            }

            return pageTexts[page - 1];
        }

        void FlushParagraph()
        {
            if (paragraph.Length > 0)
            {
                AddBlock(new DocumentBlock(paragraphKind, paragraph.ToString().Trim(), page));
                paragraph.Clear();
            }
        }

        void AddBlock(DocumentBlock block)
        {
            blocks.Add(block);
            wordsOnPage += HeadingRules.CountWords(block.Text);
        }

        void MaybeEstimatePageBreak()
        {
            if (!hasFormFeeds && wordsOnPage >= PageEstimator.WordsPerPage && paragraph.Length == 0)
            {
                page++;
                wordsOnPage = 0;
            }
        }

        for (var p = 0; p < rawPageTexts.Length; p++)
        {
            if (p > 0)
            {
                FlushParagraph();
                page++;
                wordsOnPage = 0;
            }

            foreach (var rawLine in pageLines[p])
            {
                if (rawLine is null)
                {
                    // Dropped by cleaning (a margin line number, the rest of a word joined to the line above): not a paragraph break.
                    continue;
                }

                var line = rawLine.TrimEnd();
                if (markdown && line.TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    inCodeFence = !inCodeFence;
                    continue;
                }

                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    FlushParagraph();
                    MaybeEstimatePageBreak();
                    continue;
                }

                var clean = markdown && !inCodeFence ? StripInline(trimmed) : trimmed;
                PageText().Append(markdown ? CleanMarkdownLine(trimmed) : trimmed).Append('\n');

                if (markdown && !inCodeFence && MarkdownHeading().Match(trimmed) is { Success: true } heading)
                {
                    FlushParagraph();
                    MaybeEstimatePageBreak();
                    var headingText = StripInline(heading.Groups["text"].Value.Trim().TrimEnd('#').Trim());
                    AddBlock(new DocumentBlock(BlockKind.Heading, headingText, page, heading.Groups["hashes"].Length));
                    titleHint ??= heading.Groups["hashes"].Length == 1 && blocks.Count == 1 ? new MetadataField(headingText, page) : null;
                    continue;
                }

                if (markdown && trimmed.StartsWith('|'))
                {
                    FlushParagraph();
                    if (!TableSeparator().IsMatch(trimmed))
                    {
                        AddBlock(new DocumentBlock(BlockKind.TableRow, TableRow(trimmed), page));
                    }

                    continue;
                }

                if (!markdown && paragraph.Length == 0 && HeadingRules.TryParseNumbered(trimmed, out var level)
                    && HeadingRules.CountWords(trimmed) <= 10 && sequence.Accept(trimmed, level))
                {
                    AddBlock(new DocumentBlock(BlockKind.Heading, trimmed, page, level));
                    continue;
                }

                if (ListItem().Match(clean) is { Success: true } item)
                {
                    FlushParagraph();
                    paragraphKind = BlockKind.ListItem;
                    paragraph.Append(markdown && item.Groups["bullet"].Success ? clean[item.Length..] : clean);
                    continue;
                }

                if (paragraph.Length == 0)
                {
                    paragraphKind = BlockKind.Paragraph;
                }
                else if (!BlockBuilder.EndsWithWordHyphen(paragraph) || !char.IsLetterOrDigit(clean[0]))
                {
                    // A line still ending in a hyphen after cleaning is a compound broken at the line end: no space.
                    paragraph.Append(' ');
                }

                paragraph.Append(clean);
            }
        }

        FlushParagraph();
        var pageCount = Math.Max(page, pageTexts.Count);
        var pages = new List<ProtocolPage>(pageCount);
        for (var i = 0; i < pageCount; i++)
        {
            pages.Add(new ProtocolPage(i + 1, i < pageTexts.Count ? pageTexts[i].ToString().TrimEnd() : string.Empty));
        }

        return new ParsedLayout(pages, blocks, pages.Select(x => x.Text).ToList(), titleHint);
    }

    private static string TableRow(string line) =>
        string.Join(" | ", line.Trim().Trim('|').Split('|').Select(cell => StripInline(cell.Trim())));

    private static string CleanMarkdownLine(string line)
    {
        if (MarkdownHeading().Match(line) is { Success: true } heading)
        {
            return StripInline(heading.Groups["text"].Value.Trim());
        }

        return line.StartsWith('|') ? TableRow(line) : StripInline(line);
    }

    /// <summary>Drops inline emphasis and code markers; keeps the words.</summary>
    private static string StripInline(string text) =>
        text.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.+)$")]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")]
    private static partial Regex TableSeparator();

    [GeneratedRegex(@"^(?:(?<bullet>[-*+•])|\(?[0-9]{1,2}[.)]|\(?[a-z][.)])\s+")]
    private static partial Regex ListItem();
}
