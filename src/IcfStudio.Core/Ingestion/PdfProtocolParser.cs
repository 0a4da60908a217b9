using System.Text;
using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace IcfStudio.Core.Ingestion;

/// <summary>
/// Reads a PDF's text layer with PdfPig: letters are grouped into lines (sort + sweep, no pairwise work),
/// lines into headings, paragraphs, list items and table rows; running headers and footers are dropped.
/// </summary>
internal static partial class PdfProtocolParser
{
    private const string Separator = " | ";

    /// <summary>A line of text; Words (with their positions along the line) are kept for table rows only, to align their cells to columns.</summary>
    internal sealed record PdfLine(string Text, double Baseline, double Size, bool Bold, bool HasCells, IReadOnlyList<PdfWord>? Words = null);

    internal readonly record struct PdfWord(string Text, double Start, double End);

    public static ParsedLayout Parse(byte[] content, Action<int, int>? pageProgress, CancellationToken cancellationToken)
    {
        using var document = Open(content);
        var pageCount = document.NumberOfPages;
        var pageLines = new List<PdfLine>[pageCount];
        var sizeHistogram = new Dictionary<double, int>();
        var textLetters = 0;
        for (var p = 1; p <= pageCount; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Page page;
            try
            {
                page = document.GetPage(p);
            }
            catch (Exception ex) when (ex is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or InvalidCastException or KeyNotFoundException)
            {
                throw Corrupt(ex);
            }

            var lines = BuildLines(page.Letters, sizeHistogram, ref textLetters);
            pageLines[p - 1] = lines;
            pageProgress?.Invoke(p, pageCount);
        }

        if (textLetters < Math.Max(20, pageCount * 5))
        {
            throw new BadInputException(
                "no_text_layer",
                "The PDF has no text layer (it looks like a scanned image). Run OCR on it first, or upload the source document (DOCX or text).",
                422);
        }

        var bodySize = sizeHistogram.MaxBy(pair => pair.Value).Key;
        return Assemble(pageLines, bodySize);
    }

    private static PdfDocument Open(byte[] content)
    {
        try
        {
            return PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new BadInputException(
                "encrypted_pdf",
                "The PDF is password-protected. Remove the password (or export an unprotected copy) and upload it again.",
                422);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            throw Corrupt(ex);
        }
    }

    private static BadInputException Corrupt(Exception ex) =>
        new("corrupt_pdf", $"The PDF is damaged or truncated and cannot be read ({ex.GetType().Name}). Re-export or re-download the file.", 422);

    /// <summary>Groups a page's letters into lines: reading-frame coordinates, sort by line then by position, split words and table cells on gaps.</summary>
    internal static List<PdfLine> BuildLines(IReadOnlyList<Letter> letters, Dictionary<double, int> sizeHistogram, ref int textLetters)
    {
        var glyphs = new List<Glyph>(letters.Count);
        // Letters share font-name instances: test the name once per run of the same font rather than per letter.
        string? lastFont = null;
        var lastFontBold = false;
        foreach (var letter in letters)
        {
            var value = letter.Value;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            // Ligatures and other compatibility glyphs ("ﬁ") become their letters before anything compares text.
            if (value.Length > 1 || value[0] >= 0x80)
            {
                value = TextCleaner.Normalize(value);
            }

            var (line, start, end) = Frame(letter);
            var isSpace = string.IsNullOrWhiteSpace(value);
            var size = Math.Round(letter.PointSize * 2, MidpointRounding.AwayFromZero) / 2;
            if (!ReferenceEquals(letter.FontName, lastFont))
            {
                lastFont = letter.FontName;
                lastFontBold = IsBoldName(lastFont);
            }

            var bold = lastFontBold || letter.FontDetails?.IsBold == true;
            glyphs.Add(new Glyph(value, line, start, end, size, bold, isSpace));
            if (!isSpace)
            {
                textLetters++;
                sizeHistogram[size] = sizeHistogram.GetValueOrDefault(size) + 1;
            }
        }

        // Highest line first (reading order), then left to right.
        glyphs.Sort(static (a, b) => a.Line != b.Line ? b.Line.CompareTo(a.Line) : a.Start.CompareTo(b.Start));
        var result = new List<PdfLine>();
        var index = 0;
        while (index < glyphs.Count)
        {
            var anchor = glyphs[index];
            var tolerance = Math.Max(1.0, anchor.Size * 0.45);
            var end = index + 1;
            while (end < glyphs.Count && anchor.Line - glyphs[end].Line <= tolerance)
            {
                end++;
            }

            var line = MakeLine(glyphs, index, end);
            if (line is not null)
            {
                result.Add(line);
            }

            index = end;
        }

        return result;
    }

    private static PdfLine? MakeLine(List<Glyph> glyphs, int from, int to)
    {
        var slice = glyphs.GetRange(from, to - from);
        slice.Sort(static (a, b) => a.Start.CompareTo(b.Start));
        var text = new StringBuilder();
        // Word bounds as offsets: strings are made only for table rows, the rare case, to keep line building cheap.
        var words = new List<(int From, int To, double Start, double End)>();
        var wordFrom = 0;
        var wordStart = 0.0;
        var hasCells = false;
        double? previousEnd = null;
        var pendingSpace = false;
        var sizes = new Dictionary<double, int>();
        var boldCount = 0;
        var letterCount = 0;
        double baseline = 0;
        foreach (var glyph in slice)
        {
            if (glyph.IsSpace)
            {
                pendingSpace = text.Length > 0;
                continue;
            }

            if (previousEnd is { } end && text.Length > 0)
            {
                var gap = glyph.Start - end;
                var wordBreak = true;
                if (gap > glyph.Size * 1.5)
                {
                    text.Append(Separator);
                    hasCells = true;
                }
                else if (pendingSpace || gap > glyph.Size * 0.18)
                {
                    text.Append(' ');
                }
                else
                {
                    wordBreak = false;
                }

                if (wordBreak)
                {
                    words.Add((wordFrom, text.Length, wordStart, end));
                    wordFrom = text.Length;
                    wordStart = glyph.Start;
                }
            }
            else if (text.Length == 0)
            {
                wordStart = glyph.Start;
            }

            pendingSpace = false;
            text.Append(glyph.Value);
            previousEnd = Math.Max(glyph.End, glyph.Start);
            sizes[glyph.Size] = sizes.GetValueOrDefault(glyph.Size) + 1;
            letterCount++;
            baseline += glyph.Line;
            if (glyph.Bold)
            {
                boldCount++;
            }
        }

        if (letterCount == 0)
        {
            return null;
        }

        var size = sizes.MaxBy(pair => pair.Value).Key;
        words.Add((wordFrom, text.Length, wordStart, previousEnd ?? wordStart));
        var cellWords = hasCells ? words.ConvertAll(w => new PdfWord(text.ToString(w.From, w.To - w.From).Trim(' ', '|'), w.Start, w.End)) : null;
        var lineText = text.ToString().Trim();
        // "1.3. | Schedule of Activities" or "Table 1: | Schedule": a tab after a number or label, not a table row.
        if (hasCells && NumberThenTab().Match(lineText) is { Success: true } numbered)
        {
            lineText = numbered.Groups["lead"].Value + " " + numbered.Groups["rest"].Value;
            hasCells = false;
        }

        return new PdfLine(lineText, baseline / letterCount, size, boldCount >= letterCount * 0.6, hasCells, hasCells ? cellWords : null);
    }

    /// <summary>Maps a letter into its reading frame so rotated (landscape) text groups into lines too: Line grows upwards, Start/End along the text.</summary>
    private static (double Line, double Start, double End) Frame(Letter letter)
    {
        var s = letter.StartBaseLine;
        var e = letter.EndBaseLine;
        return letter.TextOrientation switch
        {
            TextOrientation.Rotate180 => (-s.Y, -s.X, -e.X),
            TextOrientation.Rotate90 => (-s.X, s.Y, e.Y),
            TextOrientation.Rotate270 => (s.X, -s.Y, -e.Y),
            _ => (s.Y, s.X, e.X),
        };
    }

    private static bool IsBoldName(string? fontName) =>
        fontName is not null
        && (fontName.Contains("Bold", StringComparison.OrdinalIgnoreCase)
            || fontName.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || fontName.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || fontName.Contains("Semibold", StringComparison.OrdinalIgnoreCase));

    private static ParsedLayout Assemble(List<PdfLine>[] pageLines, double bodySize)
    {
        var running = RunningLineFilter.Find(pageLines.Select(lines => (IReadOnlyList<string>)lines.Select(l => l.Text).ToList()).ToList());
        var pages = new List<ProtocolPage>(pageLines.Length);
        var rawPages = new List<string>(pageLines.Length);
        var blocks = new List<DocumentBlock>();
        var builder = new BlockBuilder(blocks);
        var lastNumberedLevel = 0;
        var sequence = new HeadingRules.Sequence();
        MetadataField? titleHint = null;
        var keptPages = new List<PdfLine>[pageLines.Length];
        for (var p = 0; p < pageLines.Length; p++)
        {
            var lines = pageLines[p];
            rawPages.Add(string.Join('\n', lines.Select(l => l.Text)));
            var kept = new List<PdfLine>(lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                if (!running[p].Contains(i))
                {
                    kept.Add(lines[i]);
                }
            }

            PdfTableColumns.Align(kept);
            keptPages[p] = kept;
        }

        Clean(keptPages);
        for (var p = 0; p < pageLines.Length; p++)
        {
            var pageNumber = p + 1;
            var kept = keptPages[p];
            pages.Add(new ProtocolPage(pageNumber, string.Join('\n', kept.Select(l => l.Text))));
            if (pageNumber == 1)
            {
                titleHint = FindTitle(kept, bodySize);
            }

            PdfLine? previous = null;
            var previousWasHeading = false;
            foreach (var line in kept)
            {
                var larger = line.Size >= bodySize * 1.15 + 0.25;
                // Display-size lines (a title page) may wrap after a comma and still be one heading.
                var headingShaped = HeadingRules.CanBeStyledHeading(line.Size >= bodySize * 1.3 ? line.Text.TrimEnd(',') : line.Text);
                var styled = (line.Bold || larger) && !line.HasCells;
                var gap = previous is null ? double.MaxValue : previous.Baseline - line.Baseline;
                var adjacent = gap > 0 && gap <= Math.Max(line.Size, previous?.Size ?? 0) * 1.9;

                if (!line.HasCells && HeadingRules.TryParseNumbered(line.Text, out var numberedLevel)
                    && (styled || (numberedLevel >= 2 && HeadingRules.CountWords(line.Text) <= 10))
                    && sequence.Accept(line.Text, numberedLevel))
                {
                    builder.Heading(line.Text, pageNumber, numberedLevel);
                    lastNumberedLevel = numberedLevel;
                    previousWasHeading = true;
                }
                else if (styled && previousWasHeading && adjacent && previous is not null
                    && Math.Abs(previous.Size - line.Size) < 0.6 && previous.Bold == line.Bold
                    && !ListMarker().IsMatch(line.Text) && headingShaped)
                {
                    // A heading wrapped onto a second line.
                    builder.ExtendHeading(line.Text);
                }
                else if (styled && headingShaped && !ListMarker().IsMatch(line.Text))
                {
                    var level = line.Size >= bodySize * 1.3 ? 1 : Math.Min(lastNumberedLevel + 1, 6);
                    builder.Heading(line.Text, pageNumber, level);
                    previousWasHeading = true;
                }
                else
                {
                    previousWasHeading = false;
                    if (line.HasCells)
                    {
                        builder.Row(line.Text, pageNumber);
                    }
                    else if (ListMarker().IsMatch(line.Text))
                    {
                        builder.Start(BlockKind.ListItem, line.Text, pageNumber);
                    }
                    else if (adjacent && builder.CanContinue(pageNumber))
                    {
                        builder.Continue(line.Text);
                    }
                    else
                    {
                        builder.Start(BlockKind.Paragraph, line.Text, pageNumber);
                    }
                }

                previous = line;
            }

            builder.EndPage();
        }

        builder.Flush();
        return new ParsedLayout(pages, blocks, rawPages, titleHint);
    }

    /// <summary>Cleans the text of the kept lines (margin numbers, letter spacing, line-end hyphens); emptied lines are dropped.</summary>
    private static void Clean(List<PdfLine>[] pages)
    {
        var texts = Array.ConvertAll(pages, lines => lines.Select(l => (string?)l.Text).ToArray());
        TextCleaner.CleanLines(texts);
        for (var p = 0; p < pages.Length; p++)
        {
            var lines = pages[p];
            var cleaned = new List<PdfLine>(lines.Count);
            for (var i = 0; i < lines.Count; i++)
            {
                if (texts[p][i] is not { } text)
                {
                    continue;
                }

                cleaned.Add(ReferenceEquals(text, lines[i].Text) || text == lines[i].Text
                    ? lines[i]
                    : lines[i] with { Text = text, HasCells = lines[i].HasCells && text.Contains(Separator, StringComparison.Ordinal) });
            }

            pages[p] = cleaned;
        }
    }

    /// <summary>
    /// The first page's title: runs of adjacent lines in one style; the best run has at least six words, is not boilerplate,
    /// and is the largest (then bold, then study-like) text on the page.
    /// </summary>
    private static MetadataField? FindTitle(List<PdfLine> lines, double bodySize)
    {
        var runs = new List<(List<PdfLine> Lines, string Text)>();
        List<PdfLine>? current = null;
        foreach (var line in lines)
        {
            if (line.HasCells || !line.Text.Any(char.IsLetter))
            {
                current = null;
                continue;
            }

            var previous = current?[^1];
            var joins = previous is not null
                && Math.Abs(previous.Size - line.Size) < 0.6 && previous.Bold == line.Bold
                && previous.Baseline - line.Baseline <= line.Size * 1.6
                && !ProtocolIdLine().IsMatch(previous.Text) && !ProtocolIdLine().IsMatch(line.Text);
            if (!joins)
            {
                current = [];
                runs.Add((current, string.Empty));
            }

            current!.Add(line);
        }

        var best = runs
            .Select(r => (r.Lines, Text: WhiteSpace().Replace(string.Join(' ', r.Lines.Select(l => l.Text)), " ").Trim()))
            .Where(r => HeadingRules.CountWords(r.Text) is >= 6 and <= 60 && !Boilerplate().IsMatch(r.Text))
            .OrderByDescending(r => r.Lines[0].Size)
            .ThenByDescending(r => r.Lines[0].Bold)
            .ThenByDescending(r => StudyWords().IsMatch(r.Text))
            .FirstOrDefault();
        return best.Lines is null || (best.Lines[0].Size < bodySize * 1.15 && !best.Lines[0].Bold && !StudyWords().IsMatch(best.Text))
            ? null
            : new MetadataField(best.Text, 1);
    }

    [GeneratedRegex(@"^Protocol\s+[A-Z0-9][\w\-()./]*$")]
    private static partial Regex ProtocolIdLine();

    [GeneratedRegex(@"confidential|copyright|information contained|property of|proprietary", RegexOptions.IgnoreCase)]
    private static partial Regex Boilerplate();

    [GeneratedRegex(@"\b(?:Study|Trial|Phase|Randomi[sz]ed|Efficacy|Safety)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StudyWords();

    [GeneratedRegex(@"^(?:[•●○◦▪■□►▸\-–—*·]|\(?[0-9]{1,2}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,4}\))\s+")]
    internal static partial Regex ListMarker();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^(?<lead>\d{1,2}(?:\.\d{1,2}){0,5}\.?|(?:Table|Figure|Appendix|Section|Attachment)\s+[\w.]{1,6}:?|[A-Z]\.|[a-z]\)|[•●○◦▪■►\-–]) \| (?<rest>[^|]+)$")]
    private static partial Regex NumberThenTab();

    private readonly record struct Glyph(string Value, double Line, double Start, double End, double Size, bool Bold, bool IsSpace);
}

/// <summary>Accumulates lines into blocks; a paragraph or list item never crosses a page.</summary>
internal sealed class BlockBuilder(List<DocumentBlock> blocks)
{
    private readonly StringBuilder _text = new();
    private BlockKind _kind;
    private int _page;
    private int _level;
    private bool _open;

    public bool CanContinue(int page) => _open && _page == page && _kind is BlockKind.Paragraph or BlockKind.ListItem;

    public void Start(BlockKind kind, string text, int page)
    {
        Flush();
        _kind = kind;
        _page = page;
        _level = 0;
        _text.Append(text);
        _open = true;
    }

    public void Continue(string text)
    {
        // A line still ending in a hyphen after cleaning is a compound broken at the line end ("follow-" + "up", "COVID-" + "19").
        if (!EndsWithWordHyphen(_text) || text.Length == 0 || !char.IsLetterOrDigit(text[0]))
        {
            _text.Append(' ');
        }

        _text.Append(text);
    }

    internal static bool EndsWithWordHyphen(StringBuilder text) => text.Length > 1 && text[^1] == '-' && char.IsLetterOrDigit(text[^2]);

    public void Heading(string text, int page, int level)
    {
        Flush();
        _kind = BlockKind.Heading;
        _page = page;
        _level = level;
        _text.Append(text);
        _open = true;
    }

    public void ExtendHeading(string text) => _text.Append(' ').Append(text);

    public void Row(string text, int page)
    {
        Flush();
        blocks.Add(new DocumentBlock(BlockKind.TableRow, text, page));
    }

    public void EndPage() => Flush();

    public void Flush()
    {
        if (_open && _text.Length > 0)
        {
            blocks.Add(new DocumentBlock(_kind, _text.ToString().Trim(), _page, _kind == BlockKind.Heading ? _level : 0));
        }

        _text.Clear();
        _open = false;
    }
}
