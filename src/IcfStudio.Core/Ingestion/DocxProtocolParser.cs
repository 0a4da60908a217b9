using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Reads DOCX with the Open XML SDK: heading styles (Heading1..9, Title, outline levels) and numbered-heading text,
/// paragraphs, list items, tables as rows. Pages: Word's rendered page breaks (lastRenderedPageBreak) and explicit page
/// breaks when present; without rendered breaks, a page is also estimated every <see cref="PageEstimator.WordsPerPage"/> words.
/// </summary>
internal static class DocxProtocolParser
{
    /// <summary>Uncompressed bytes a DOCX may expand to; protocols are a few MB of XML.</summary>
    internal const long MaxUncompressedBytes = 256L * 1024 * 1024;

    /// <summary>Compression ratio beyond which a large entry is treated as a decompression bomb.</summary>
    internal const double MaxCompressionRatio = 200;

    public static ParsedLayout Parse(byte[] content, CancellationToken cancellationToken)
    {
        GuardAgainstZipBomb(content);
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException or InvalidOperationException or System.Xml.XmlException)
        {
            throw new BadInputException("corrupt_docx", $"The DOCX file is damaged and cannot be read ({ex.GetType().Name}).", 422);
        }

        using (document)
        {
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new BadInputException("corrupt_docx", "The DOCX file has no document body.", 422);
            try
            {
                return new Walker(document.MainDocumentPart!, cancellationToken).Walk(body);
            }
            catch (System.Xml.XmlException ex)
            {
                throw new BadInputException("corrupt_docx", $"The DOCX file's XML is damaged ({ex.Message}).", 422);
            }
        }
    }

    /// <summary>
    /// Checks the zip's central directory before the SDK inflates anything, then inflates each entry with a byte budget
    /// so that entries lying about their size are caught too.
    /// </summary>
    internal static void GuardAgainstZipBomb(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                var ratio = entry.CompressedLength == 0 ? 0 : (double)entry.Length / entry.CompressedLength;
                if (declared > MaxUncompressedBytes || (entry.Length > 10 * 1024 * 1024 && ratio > MaxCompressionRatio))
                {
                    throw ZipBomb(entry.FullName);
                }
            }

            long inflated = 0;
            var buffer = new byte[81920];
            foreach (var entry in zip.Entries)
            {
                using var stream = entry.Open();
                long entryBytes = 0;
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    entryBytes += read;
                    inflated += read;
                    if (inflated > MaxUncompressedBytes || entryBytes > entry.Length)
                    {
                        throw ZipBomb(entry.FullName);
                    }
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new BadInputException("corrupt_docx", $"The DOCX file is damaged: its zip structure cannot be read ({ex.Message}).", 422);
        }
    }

    private static BadInputException ZipBomb(string entry) =>
        new("zip_bomb", $"The DOCX file would expand to more than {MaxUncompressedBytes / (1024 * 1024)} MB or compresses implausibly well (entry '{entry}'): refused as a possible zip bomb.", 422);

    private sealed class Walker(MainDocumentPart main, CancellationToken cancellationToken)
    {
        private readonly List<DocumentBlock> _blocks = [];
        private readonly List<StringBuilder> _pageTexts = [new()];
        private readonly Dictionary<string, (int? Level, bool Numbered, bool Title, bool List)> _styleCache = new(StringComparer.Ordinal);
        private readonly int[] _headingCounters = new int[10];
        private readonly bool _hasRenderedBreaks = main.Document?.Body?.Descendants<LastRenderedPageBreak>().Any() == true;
        private int _page = 1;
        private int _wordsOnPage;
        private MetadataField? _titleHint;

        public ParsedLayout Walk(Body body)
        {
            foreach (var element in body.ChildElements)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Visit(element);
            }

            var pages = _pageTexts.Select((text, i) => new ProtocolPage(i + 1, text.ToString().TrimEnd())).ToList();
            return new ParsedLayout(pages, _blocks, pages.Select(p => p.Text).ToList(), _titleHint);
        }

        private void Visit(OpenXmlElement element)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    VisitParagraph(paragraph);
                    break;
                case Table table:
                    VisitTable(table);
                    break;
                case SdtBlock or SdtContentBlock or CustomXmlBlock:
                    foreach (var child in element.ChildElements)
                    {
                        Visit(child);
                    }

                    break;
            }
        }

        private void VisitParagraph(Paragraph paragraph)
        {
            var properties = paragraph.ParagraphProperties;
            if (properties?.PageBreakBefore is { } pageBreakBefore && (pageBreakBefore.Val is null || pageBreakBefore.Val.Value))
            {
                NewPage();
            }

            var text = new StringBuilder();
            foreach (var node in paragraph.Descendants())
            {
                switch (node)
                {
                    case Text t:
                        text.Append(t.Text);
                        break;
                    case TabChar:
                        text.Append(' ');
                        break;
                    case NoBreakHyphen:
                        // Word's non-breaking hyphen is an element, not a character: "follow-up" would lose its hyphen.
                        text.Append('-');
                        break;
                    case Break br when br.Type?.Value == BreakValues.Page:
                        // Text before the break belongs to the previous page.
                        Emit(paragraph, text.ToString());
                        text.Clear();
                        NewPage();
                        break;
                    case Break:
                        text.Append(' ');
                        break;
                    case LastRenderedPageBreak:
                        Emit(paragraph, text.ToString());
                        text.Clear();
                        NewPage();
                        break;
                }
            }

            Emit(paragraph, text.ToString());
            if (properties?.SectionProperties is { } section && section.GetFirstChild<SectionType>()?.Val?.Value != SectionMarkValues.Continuous)
            {
                NewPage();
            }
        }

        private void Emit(Paragraph paragraph, string raw)
        {
            var text = TextCleaner.Normalize(raw.Trim());
            if (text.Length == 0)
            {
                return;
            }

            var style = StyleOf(paragraph);
            var outline = paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value;
            var headingLevel = style.Level ?? (outline is { } o && o < 9 ? o + 1 : null);
            if (style.Title && _titleHint is null)
            {
                _titleHint = new MetadataField(text, _page);
            }

            if (headingLevel is { } level && HeadingRules.CountWords(text) <= 30)
            {
                var numbered = style.Numbered || paragraph.ParagraphProperties?.NumberingProperties is not null;
                if (numbered && !char.IsDigit(text[0]))
                {
                    text = NumberHeading(level) + " " + text;
                }

                Add(new DocumentBlock(BlockKind.Heading, text, _page, level));
                return;
            }

            if (!style.Title && HeadingRules.TryParseNumbered(text, out var numberedLevel) && IsBold(paragraph))
            {
                Add(new DocumentBlock(BlockKind.Heading, text, _page, numberedLevel));
                return;
            }

            var isList = style.List || paragraph.ParagraphProperties?.NumberingProperties is not null;
            Add(new DocumentBlock(isList ? BlockKind.ListItem : BlockKind.Paragraph, text, _page));
        }

        private string NumberHeading(int level)
        {
            _headingCounters[level]++;
            for (var i = level + 1; i < _headingCounters.Length; i++)
            {
                _headingCounters[i] = 0;
            }

            var parts = new List<int>();
            for (var i = 1; i <= level; i++)
            {
                parts.Add(Math.Max(_headingCounters[i], 1));
            }

            return string.Join('.', parts);
        }

        private static bool IsBold(Paragraph paragraph)
        {
            var runs = paragraph.Descendants<Run>().Where(r => r.Descendants<Text>().Any(t => t.Text.Trim().Length > 0)).ToList();
            return runs.Count > 0 && runs.All(r => r.RunProperties?.Bold is { } b && (b.Val is null || b.Val.Value));
        }

        private void VisitTable(Table table)
        {
            foreach (var row in table.Elements<TableRow>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var cells = row.Elements<TableCell>()
                    .Select(cell => string.Join(' ', cell.Elements<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text)).Trim()).Where(s => s.Length > 0)))
                    .ToList();
                if (cells.All(c => c.Length == 0))
                {
                    continue;
                }

                Add(new DocumentBlock(BlockKind.TableRow, TextCleaner.Normalize(string.Join(" | ", cells)), _page));
            }
        }

        private void Add(DocumentBlock block)
        {
            _blocks.Add(block);
            _pageTexts[_page - 1].Append(block.Text).Append('\n');
            _wordsOnPage += HeadingRules.CountWords(block.Text);
            if (!_hasRenderedBreaks && _wordsOnPage >= PageEstimator.WordsPerPage)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            // Consecutive breaks (a page break right after an estimated one) do not create empty pages.
            if (_pageTexts[_page - 1].Length == 0)
            {
                return;
            }

            _page++;
            _wordsOnPage = 0;
            _pageTexts.Add(new StringBuilder());
        }

        private (int? Level, bool Numbered, bool Title, bool List) StyleOf(Paragraph paragraph)
        {
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            if (styleId is null)
            {
                return (null, false, false, false);
            }

            if (_styleCache.TryGetValue(styleId, out var cached))
            {
                return cached;
            }

            var styles = main.StyleDefinitionsPart?.Styles;
            int? level = null;
            var numbered = false;
            var title = false;
            var list = false;
            var current = styleId;
            for (var depth = 0; depth < 10 && current is not null; depth++)
            {
                var style = styles?.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == current);
                var name = (style?.StyleName?.Val?.Value ?? current).Replace(" ", "", StringComparison.Ordinal);
                if (level is null && name.StartsWith("heading", StringComparison.OrdinalIgnoreCase)
                    && int.TryParse(name.AsSpan("heading".Length), out var fromName) && fromName is >= 1 and <= 9)
                {
                    level = fromName;
                }

                if (level is null && style?.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
                {
                    level = outline + 1;
                }

                title |= name.Equals("Title", StringComparison.OrdinalIgnoreCase);
                list |= name.StartsWith("List", StringComparison.OrdinalIgnoreCase);
                numbered |= style?.StyleParagraphProperties?.NumberingProperties is not null;
                current = style?.BasedOn?.Val?.Value;
            }

            var result = (level, numbered, title, list);
            _styleCache[styleId] = result;
            return result;
        }
    }
}
