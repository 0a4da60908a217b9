using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace IcfStudio.Core.Export;

/// <summary>
/// The consent form as a US Letter PDF with embedded DejaVu fonts: a small flow layout of its own (PDFsharp only
/// draws), with headings kept with what follows, paragraphs without single orphan or widow lines, lists, tables
/// that repeat their header row, and headers, footers and the draft watermark drawn once the page count is known.
/// </summary>
internal sealed class PdfConsentExporter : IDocumentExporter
{
    public ExportFormat Format => ExportFormat.Pdf;

    public string ContentType => "application/pdf";

    public string Extension => "pdf";

    public ExportOutput Export(ConsentDocument document)
    {
        ExportFonts.EnsureInstalled();
        using var layout = new PdfLayout(document);
        return layout.Render();
    }
}

/// <summary>Page geometry in points (US Letter, 1 inch body margins, header and footer inside the top and bottom margins).</summary>
internal static class PdfPageGeometry
{
    public const double Width = 612;
    public const double Height = 792;
    public const double Margin = 72;
    public const double BodyTop = 78;
    public const double BodyBottom = Height - 72;
    public const double HeaderBaseline = 44;
    public const double FooterBaseline = Height - 38;

    /// <summary>No text at all is drawn closer than this to a page edge.</summary>
    public const double PrintableInset = 30;
}

internal sealed record TextStyle(string Family, double Size, double Leading, bool Bold = false, bool Italic = false, XColor? Color = null);

/// <summary>A piece of a line in one font: text, its font, and its position from the line's start.</summary>
internal sealed record PlacedText(string Text, XFont Font, double X, double Width, bool Superscript, XBrush Brush);

internal sealed record TextLine(IReadOnlyList<PlacedText> Pieces, double Width);

internal sealed class PdfLayout : IDisposable
{
    private static readonly XColor Ink = XColor.FromArgb(33, 33, 33);
    private static readonly XColor Accent = XColor.FromArgb(31, 56, 100);
    private static readonly XColor Muted = XColor.FromArgb(100, 100, 100);
    private static readonly XColor Rule = XColor.FromArgb(170, 170, 170);
    private static readonly XColor Shade = XColor.FromArgb(235, 239, 245);

    private static readonly TextStyle Body = new(ExportFonts.Serif, 11, 15.4);
    private static readonly TextStyle Heading1 = new(ExportFonts.Sans, 13, 17, Bold: true, Color: Accent);
    private static readonly TextStyle Heading2 = new(ExportFonts.Sans, 11, 15, Bold: true, Color: Accent);
    private static readonly TextStyle TableText = new(ExportFonts.Sans, 9.5, 12.5);
    private static readonly TextStyle NoteText = new(ExportFonts.Sans, 8.5, 11, Color: Muted);
    private static readonly TextStyle Small = new(ExportFonts.Sans, 8.5, 11, Color: Muted);
    private static readonly TextStyle TitleLabel = new(ExportFonts.Sans, 9.5, 12.5, Bold: true);

    private const double BodyWidth = PdfPageGeometry.Width - (2 * PdfPageGeometry.Margin);
    private const double ListIndent = 18;
    private const double CellPadding = 4;

    private readonly ConsentDocument _document;
    private readonly PdfDocument _pdf = new();
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(PdfPageGeometry.Width, PdfPageGeometry.Height), XGraphicsUnit.Point, XPageDirection.Downwards);
    private readonly Dictionary<(string Family, double Size, XFontStyleEx Style), XFont> _fonts = [];
    private readonly Dictionary<(string Text, XFont Font), double> _widths = [];
    private readonly HashSet<int> _missing = [];
    private XGraphics? _gfx;
    private double _y;

    public PdfLayout(ConsentDocument document)
    {
        _document = document;
        _pdf.Info.Title = $"{document.Acronym} {document.DocumentTitle}";
        _pdf.Info.Subject = document.StudyTitle;
        _pdf.Info.Creator = "ICF Studio";
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _measure.Dispose();
        _pdf.Dispose();
    }

    private XGraphics Gfx => _gfx ?? throw new InvalidOperationException("No page started.");

    public ExportOutput Render()
    {
        NewPage();
        TitleBlock();
        if (_document.IsDraft)
        {
            DraftNotice();
        }

        foreach (var section in _document.Sections)
        {
            Section(section);
        }

        SignatureBlock();
        _gfx?.Dispose();
        _gfx = null;

        // The page count is final only now, so headers, footers and watermarks are drawn in a second pass.
        var pageCount = _pdf.PageCount;
        for (var i = 0; i < pageCount; i++)
        {
            var page = _pdf.Pages[i];
            if (_document.IsDraft)
            {
                using var under = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Prepend);
                Watermark(under);
            }

            using var over = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            HeaderAndFooter(over, i + 1, pageCount);
        }

        using var stream = new MemoryStream();
        _pdf.Save(stream, closeStream: false);
        var warnings = _missing.Count == 0
            ? Array.Empty<string>()
            : [$"The embedded fonts cannot draw {_missing.Count} character(s), which show as empty boxes in the PDF: {ExportFonts.Describe(_missing)}."];
        return new ExportOutput(stream.ToArray(), warnings);
    }

    // ---- pages ----

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _pdf.AddPage();
        page.Width = XUnit.FromPoint(PdfPageGeometry.Width);
        page.Height = XUnit.FromPoint(PdfPageGeometry.Height);
        _gfx = XGraphics.FromPdfPage(page);
        _y = PdfPageGeometry.BodyTop;
    }

    private double Remaining => PdfPageGeometry.BodyBottom - _y;

    private const double FullPage = PdfPageGeometry.BodyBottom - PdfPageGeometry.BodyTop;

    private void EnsureSpace(double height)
    {
        if (height > Remaining && _y > PdfPageGeometry.BodyTop + 0.5)
        {
            NewPage();
        }
    }

    private void HeaderAndFooter(XGraphics g, int page, int pages)
    {
        var small = Font(Small);
        var brush = new XSolidBrush(Muted);
        var left = PdfPageGeometry.Margin;
        var right = PdfPageGeometry.Width - PdfPageGeometry.Margin;
        var header = _document.HeaderText + (_document.IsDraft ? " · DRAFT" : "");
        DrawPlain(g, header, Font(Small with { Bold = true }), brush, left, PdfPageGeometry.HeaderBaseline);
        var version = _document.VersionText;
        DrawPlain(g, version, small, brush, right - Measure(version, small), PdfPageGeometry.HeaderBaseline);
        g.DrawLine(new XPen(Rule, 0.6), left, PdfPageGeometry.HeaderBaseline + 6, right, PdfPageGeometry.HeaderBaseline + 6);

        g.DrawLine(new XPen(Rule, 0.6), left, PdfPageGeometry.FooterBaseline - 14, right, PdfPageGeometry.FooterBaseline - 14);
        var initials = "Participant initials: ________";
        DrawPlain(g, initials, small, brush, left, PdfPageGeometry.FooterBaseline);
        var pageText = string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pages}");
        DrawPlain(g, pageText, Font(Small with { Bold = true }), brush, right - Measure(pageText, Font(Small with { Bold = true })), PdfPageGeometry.FooterBaseline);
    }

    private void Watermark(XGraphics g)
    {
        var font = Font(new TextStyle(ExportFonts.Sans, 132, 132, Bold: true));
        var size = g.MeasureString("DRAFT", font);
        var state = g.Save();
        g.RotateAtTransform(-50, new XPoint(PdfPageGeometry.Width / 2, PdfPageGeometry.Height / 2));
        g.DrawString("DRAFT", font, new XSolidBrush(XColor.FromArgb(40, 200, 30, 30)),
            (PdfPageGeometry.Width - size.Width) / 2, (PdfPageGeometry.Height / 2) + (size.Height * 0.3));
        g.Restore(state);
    }

    // ---- first page ----

    private void TitleBlock()
    {
        const double stampWidth = 170;
        const double stampHeight = 96;
        var right = PdfPageGeometry.Width - PdfPageGeometry.Margin;
        var stampTop = _y;
        var box = new XRect(right - stampWidth, stampTop, stampWidth, stampHeight);
        Gfx.DrawRectangle(new XPen(Rule, 0.8) { DashStyle = XDashStyle.Dash }, box);
        var label = "IRB approval stamp";
        var labelFont = Font(Small);
        DrawPlain(Gfx, label, labelFont, new XSolidBrush(Muted), box.X + ((stampWidth - Measure(label, labelFont)) / 2), box.Y + 13);

        var titleWidth = BodyWidth - stampWidth - 16;
        var titleStyle = new TextStyle(ExportFonts.Sans, 18, 22, Bold: true, Color: Accent);
        _y += 2;
        DrawLines(Break([new InlineRun(_document.DocumentTitle)], titleStyle, titleWidth), titleStyle, PdfPageGeometry.Margin);
        _y += 2;
        var subtitle = new TextStyle(ExportFonts.Sans, 10.5, 14, Color: Muted);
        DrawLines(Break([new InlineRun("Consent to take part in a research study")], subtitle, titleWidth), subtitle, PdfPageGeometry.Margin);
        _y += 8;
        var studyStyle = new TextStyle(ExportFonts.Sans, 11, 14.5, Bold: true, Color: Ink);
        DrawLines(Break([new InlineRun(_document.StudyTitle)], studyStyle, titleWidth), studyStyle, PdfPageGeometry.Margin);
        _y = Math.Max(_y, stampTop + stampHeight) + 14;

        // Label/value rows; a blank value gets a rule to fill in by hand.
        const double labelWidth = 150;
        var valueX = PdfPageGeometry.Margin + labelWidth;
        var valueWidth = BodyWidth - labelWidth;
        var pen = new XPen(Rule, 0.5);
        Gfx.DrawLine(pen, PdfPageGeometry.Margin, _y, right, _y);
        foreach (var field in _document.TitleFields)
        {
            var labelLines = Break([new InlineRun(field.Label)], TitleLabel, labelWidth - 8);
            var valueLines = field.Value is null ? [] : Break([new InlineRun(field.Value)], TableText, valueWidth - 4);
            var rows = Math.Max(labelLines.Count, Math.Max(1, valueLines.Count));
            var height = (rows * TableText.Leading) + 8;
            EnsureSpace(height);
            var top = _y;
            _y = top + 4;
            DrawLines(labelLines, TitleLabel, PdfPageGeometry.Margin + 2);
            _y = top + 4;
            if (valueLines.Count > 0)
            {
                DrawLines(valueLines, TableText, valueX);
            }
            else
            {
                Gfx.DrawLine(pen, valueX, top + 4 + TableText.Leading - 1, right - 4, top + 4 + TableText.Leading - 1);
            }

            _y = top + height;
            Gfx.DrawLine(pen, PdfPageGeometry.Margin, _y, right, _y);
        }

        _y += 10;
    }

    private void DraftNotice()
    {
        var lines = new List<(IReadOnlyList<TextLine> Lines, TextStyle Style, double Indent)>();
        var headStyle = new TextStyle(ExportFonts.Sans, 10.5, 14, Bold: true, Color: XColor.FromArgb(150, 20, 20));
        lines.Add((Break([new InlineRun("DRAFT – not approved for use with participants")], headStyle, BodyWidth - 16), headStyle, 0));
        var text = _document.UnapprovedSections.Count == 0
            ? "Every section is approved; export the final document for submission."
            : $"{_document.UnapprovedSections.Count} section(s) are not yet approved:";
        lines.Add((Break([new InlineRun(text)], TableText, BodyWidth - 16), TableText, 0));
        foreach (var title in _document.UnapprovedSections)
        {
            lines.Add((Break([new InlineRun(title)], TableText, BodyWidth - 16 - ListIndent), TableText, ListIndent));
        }

        var height = lines.Sum(l => l.Lines.Count * l.Style.Leading) + 16;
        EnsureSpace(Math.Min(height, FullPage));
        var top = _y;
        Gfx.DrawRectangle(new XPen(XColor.FromArgb(190, 60, 60), 0.8), new XSolidBrush(XColor.FromArgb(253, 240, 240)), new XRect(PdfPageGeometry.Margin, top, BodyWidth, height));
        _y = top + 8;
        foreach (var (textLines, style, indent) in lines)
        {
            if (indent > 0)
            {
                DrawPlain(Gfx, "•", Font(style), new XSolidBrush(Ink), PdfPageGeometry.Margin + 8 + 6, _y + Baseline(style));
            }

            DrawLines(textLines, style, PdfPageGeometry.Margin + 8 + indent);
        }

        _y = top + height + 12;
    }

    // ---- sections ----

    private void Section(ConsentSection section)
    {
        var headingLines = Break([new InlineRun(section.Title)], Heading1, BodyWidth);
        var headingHeight = 14 + (headingLines.Count * Heading1.Leading) + 8;
        KeepWithNext(headingHeight, section.Blocks.Count > 0 ? section.Blocks[0] : null);
        if (_y > PdfPageGeometry.BodyTop + 0.5)
        {
            _y += 14;
        }

        DrawLines(headingLines, Heading1, PdfPageGeometry.Margin);
        Gfx.DrawLine(new XPen(Accent, 0.8), PdfPageGeometry.Margin, _y + 2, PdfPageGeometry.Margin + BodyWidth, _y + 2);
        _y += 8;

        for (var i = 0; i < section.Blocks.Count; i++)
        {
            var block = section.Blocks[i];
            switch (block)
            {
                case SubheadingBlock sub:
                    var lines = Break([new InlineRun(sub.Text)], Heading2, BodyWidth);
                    KeepWithNext(6 + (lines.Count * Heading2.Leading) + 3, i + 1 < section.Blocks.Count ? section.Blocks[i + 1] : null);
                    _y += _y > PdfPageGeometry.BodyTop + 0.5 ? 6 : 0;
                    DrawLines(lines, Heading2, PdfPageGeometry.Margin);
                    _y += 3;
                    break;
                case ParagraphBlock paragraph:
                    FlowLines(Break(paragraph.Runs, Body, BodyWidth), Body, PdfPageGeometry.Margin);
                    _y += 7;
                    break;
                case ListBlock list:
                    List(list);
                    _y += 5;
                    break;
                case TableBlock table:
                    Table(table);
                    _y += 10;
                    break;
            }
        }

        if (section.Notes.Count > 0)
        {
            Notes(section.Notes);
        }
    }

    /// <summary>Starts a new page unless the heading and at least two lines of what follows fit on this one.</summary>
    private void KeepWithNext(double headingHeight, ConsentBlock? next)
    {
        var following = next switch
        {
            TableBlock table => TableRowHeights(table, out _, out _).Take(table.Header is null ? 1 : 2).Sum(),
            ListBlock list => Math.Min(2, list.Items.Count == 0 ? 0 : Break(list.Items[0], Body, BodyWidth - ListIndent).Count + (list.Items.Count > 1 ? 1 : 0)) * Body.Leading,
            ParagraphBlock paragraph => Math.Min(2, Break(paragraph.Runs, Body, BodyWidth).Count) * Body.Leading,
            SubheadingBlock => Heading2.Leading + (2 * Body.Leading),
            _ => 0,
        };
        EnsureSpace(headingHeight + following);
    }

    private void List(ListBlock list)
    {
        for (var n = 0; n < list.Items.Count; n++)
        {
            var marker = list.Numbered ? string.Create(CultureInfo.InvariantCulture, $"{n + 1}.") : "•";
            var lines = Break(list.Items[n], Body, BodyWidth - ListIndent);
            var first = true;
            FlowLines(lines, Body, PdfPageGeometry.Margin + ListIndent, onFirstLine: top =>
            {
                if (first)
                {
                    DrawPlain(Gfx, marker, Font(Body), new XSolidBrush(Ink), PdfPageGeometry.Margin + 4, top + Baseline(Body));
                    first = false;
                }
            });
            _y += 3;
        }
    }

    private void Notes(IReadOnlyList<ConsentNote> notes)
    {
        const double numberWidth = 16;
        var rendered = notes.Select(n => Break([new InlineRun(n.Text)], NoteText, BodyWidth - numberWidth)).ToList();
        EnsureSpace(8 + (rendered[0].Count * NoteText.Leading));
        _y += 2;
        Gfx.DrawLine(new XPen(Rule, 0.5), PdfPageGeometry.Margin, _y, PdfPageGeometry.Margin + 90, _y);
        _y += 4;
        for (var i = 0; i < notes.Count; i++)
        {
            var number = notes[i].Number.ToString(CultureInfo.InvariantCulture);
            var first = true;
            FlowLines(rendered[i], NoteText, PdfPageGeometry.Margin + numberWidth, top =>
            {
                if (first)
                {
                    DrawPlain(Gfx, number, Font(NoteText with { Bold = true }), new XSolidBrush(Muted), PdfPageGeometry.Margin, top + Baseline(NoteText));
                    first = false;
                }
            }, keepLines: false);
        }

        _y += 6;
    }

    private void SignatureBlock()
    {
        // The statement and every signer's lines stay on one page when they fit on one, as boards expect.
        var section = _document.SignatureSection;
        var groups = _document.Signatures;
        var statement = 22 + Heading1.Leading + 8 + section.Blocks.Sum(b => b switch
        {
            ParagraphBlock p => (Break(p.Runs, Body, BodyWidth).Count * Body.Leading) + 7,
            ListBlock l => l.Items.Sum(i => (Break(i, Body, BodyWidth - ListIndent).Count * Body.Leading) + 3) + 5,
            SubheadingBlock => Heading2.Leading + 9,
            _ => FullPage,
        });
        var whole = statement + 10 + groups.Sum(GroupHeight);
        if (whole <= FullPage)
        {
            EnsureSpace(whole);
        }

        Section(section);
        _y += 10;
        foreach (var group in groups)
        {
            EnsureSpace(GroupHeight(group));
            DrawLines(Break([new InlineRun(group.Heading)], Heading2, BodyWidth), Heading2, PdfPageGeometry.Margin);
            foreach (var (label, date) in SignatureRows(group))
            {
                const double rowHeight = 40;
                var lineY = _y + 26;
                var pen = new XPen(Ink, 0.6);
                var lineEnd = date is null ? PdfPageGeometry.Margin + BodyWidth : PdfPageGeometry.Margin + (BodyWidth * 0.68);
                Gfx.DrawLine(pen, PdfPageGeometry.Margin, lineY, lineEnd, lineY);
                DrawPlain(Gfx, label, Font(Small), new XSolidBrush(Muted), PdfPageGeometry.Margin, lineY + 10);
                if (date is not null)
                {
                    var dateX = PdfPageGeometry.Margin + (BodyWidth * 0.74);
                    Gfx.DrawLine(pen, dateX, lineY, PdfPageGeometry.Margin + BodyWidth, lineY);
                    DrawPlain(Gfx, date, Font(Small), new XSolidBrush(Muted), dateX, lineY + 10);
                }

                _y += rowHeight;
            }

            _y += 20;
        }
    }

    private static double GroupHeight(SignatureGroup group) => Heading2.Leading + (SignatureRows(group).Count * 40) + 20;

    /// <summary>Pairs each line with the "Date" line that follows it, to draw them side by side.</summary>
    internal static List<(string Label, string? Date)> SignatureRows(SignatureGroup group)
    {
        var rows = new List<(string, string?)>();
        for (var i = 0; i < group.Lines.Count; i++)
        {
            var line = group.Lines[i];
            var next = i + 1 < group.Lines.Count ? group.Lines[i + 1] : null;
            if (next is not null && next.StartsWith("Date", StringComparison.OrdinalIgnoreCase) && !line.StartsWith("Date", StringComparison.OrdinalIgnoreCase))
            {
                rows.Add((line, next));
                i++;
            }
            else
            {
                rows.Add((line, null));
            }
        }

        return rows;
    }

    // ---- tables ----

    private void Table(TableBlock table)
    {
        var heights = TableRowHeights(table, out var widths, out var cells);
        var headerCount = table.Header is null ? 0 : 1;
        var pen = new XPen(Rule, 0.5);

        void DrawRow(int row, int fromLine, int lineCount, double height)
        {
            var x = PdfPageGeometry.Margin;
            var isHeader = row < headerCount;
            for (var c = 0; c < widths.Length; c++)
            {
                var rect = new XRect(x, _y, widths[c], height);
                if (isHeader)
                {
                    Gfx.DrawRectangle(pen, new XSolidBrush(Shade), rect);
                }
                else
                {
                    Gfx.DrawRectangle(pen, rect);
                }

                var top = _y;
                _y = top + CellPadding;
                var lines = cells[row][c];
                DrawLines([.. lines.Skip(fromLine).Take(lineCount)], isHeader ? TableText with { Bold = true } : TableText, x + CellPadding);
                _y = top;
                x += widths[c];
            }

            _y += height;
        }

        // Rows are split by lines when one does not fit on a whole page; otherwise they move to the next page whole.
        EnsureSpace(heights.Take(headerCount + 1).Sum());
        if (headerCount == 1)
        {
            DrawRow(0, 0, int.MaxValue, heights[0]);
        }

        for (var r = headerCount; r < heights.Length; r++)
        {
            var lineCount = cells[r].Max(c => c.Count);
            var from = 0;
            while (from < lineCount || (lineCount == 0 && from == 0))
            {
                var rest = ((lineCount - from) * TableText.Leading) + (2 * CellPadding);
                if (rest <= Remaining)
                {
                    DrawRow(r, from, lineCount - from, rest);
                    break;
                }

                var fit = (int)((Remaining - (2 * CellPadding)) / TableText.Leading);
                if (fit >= 2 && rest > FullPage - (headerCount == 1 ? heights[0] : 0))
                {
                    DrawRow(r, from, fit, (fit * TableText.Leading) + (2 * CellPadding));
                    from += fit;
                }

                NewPage();
                if (headerCount == 1)
                {
                    DrawRow(0, 0, int.MaxValue, heights[0]);
                }
            }
        }
    }

    private double[] TableRowHeights(TableBlock table, out double[] widths, out List<List<IReadOnlyList<TextLine>>> cells)
    {
        var rows = new List<IReadOnlyList<IReadOnlyList<InlineRun>>>();
        if (table.Header is not null)
        {
            rows.Add(table.Header);
        }

        rows.AddRange(table.Rows);
        var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Count);
        var natural = new double[columns];
        var minimum = new double[columns];
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Count; c++)
            {
                var style = row == table.Header ? TableText with { Bold = true } : TableText;
                var line = Break(row[c], style, double.MaxValue);
                natural[c] = Math.Max(natural[c], (line.Count == 0 ? 0 : line.Max(l => l.Width)) + (2 * CellPadding) + 1);
                foreach (var word in ConsentMarkdown.PlainText(row[c]).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    minimum[c] = Math.Max(minimum[c], Math.Min(Measure(word, Font(style)) + (2 * CellPadding) + 1, BodyWidth / Math.Max(1, columns)));
                }
            }
        }

        widths = ColumnWidths(natural, minimum);
        cells = [];
        var heights = new double[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var rowCells = new List<IReadOnlyList<TextLine>>();
            for (var c = 0; c < columns; c++)
            {
                var style = r == 0 && table.Header is not null ? TableText with { Bold = true } : TableText;
                rowCells.Add(c < rows[r].Count ? Break(rows[r][c], style, widths[c] - (2 * CellPadding)) : []);
            }

            cells.Add(rowCells);
            heights[r] = (Math.Max(1, rowCells.Max(c => c.Count)) * TableText.Leading) + (2 * CellPadding);
        }

        return heights;
    }

    /// <summary>Tables span the body width: columns get their natural width when all fit, otherwise a share by need, never below their longest word.</summary>
    private static double[] ColumnWidths(double[] natural, double[] minimum)
    {
        var n = natural.Length;
        if (n == 0)
        {
            return [];
        }

        var total = natural.Sum();
        if (total <= BodyWidth)
        {
            var extra = (BodyWidth - total) / n;
            return [.. natural.Select(w => w + extra)];
        }

        var minTotal = minimum.Sum();
        if (minTotal >= BodyWidth)
        {
            return [.. minimum.Select(w => w * BodyWidth / minTotal)];
        }

        var flexible = natural.Select((w, i) => Math.Max(0, w - minimum[i])).ToArray();
        var flexTotal = flexible.Sum();
        return [.. minimum.Select((m, i) => m + (flexTotal == 0 ? 0 : flexible[i] / flexTotal * (BodyWidth - minTotal)))];
    }

    // ---- text ----

    /// <summary>Draws lines down the page, moving to a new page as needed without leaving one line alone at a page's foot or head.</summary>
    private void FlowLines(IReadOnlyList<TextLine> lines, TextStyle style, double x, Action<double>? onFirstLine = null, bool keepLines = true)
    {
        var index = 0;
        while (index < lines.Count)
        {
            var left = lines.Count - index;
            var fit = (int)Math.Floor((Remaining + 0.01) / style.Leading);
            if (fit >= left)
            {
                fit = left;
            }
            else if (keepLines)
            {
                if (left - fit < 2)
                {
                    fit = left - 2;
                }

                if (fit < 2 && index == 0)
                {
                    fit = 0;
                }
            }

            if (fit <= 0)
            {
                if (_y <= PdfPageGeometry.BodyTop + 0.5)
                {
                    fit = Math.Max(1, Math.Min(left, (int)(FullPage / style.Leading)));
                }
                else
                {
                    NewPage();
                    continue;
                }
            }

            if (index == 0)
            {
                onFirstLine?.Invoke(_y);
            }

            DrawLines([.. lines.Skip(index).Take(fit)], style, x);
            index += fit;
            if (index < lines.Count)
            {
                NewPage();
            }
        }
    }

    private void DrawLines(IReadOnlyList<TextLine> lines, TextStyle style, double x)
    {
        foreach (var line in lines)
        {
            var baseline = _y + Baseline(style);
            foreach (var piece in line.Pieces)
            {
                var y = piece.Superscript ? baseline - (style.Size * 0.38) : baseline;
                Gfx.DrawString(piece.Text, piece.Font, piece.Brush, x + piece.X, y);
            }

            _y += style.Leading;
        }
    }

    private static double Baseline(TextStyle style) => ((style.Leading - style.Size) / 2) + (style.Size * 0.82);

    private static void DrawPlain(XGraphics g, string text, XFont font, XBrush brush, double x, double baseline) =>
        g.DrawString(text, font, brush, x, baseline);

    /// <summary>Breaks runs into lines of at most <paramref name="width"/>: at spaces, between CJK characters, and inside words too long for a line.</summary>
    private List<TextLine> Break(IReadOnlyList<InlineRun> runs, TextStyle style, double width)
    {
        var words = Words(runs, style);
        var lines = new List<TextLine>();
        var pieces = new List<PlacedText>();
        var x = 0.0;
        var spaceWidth = Measure(" ", Font(style));

        void EndLine()
        {
            lines.Add(new TextLine([.. pieces], x));
            pieces.Clear();
            x = 0;
        }

        foreach (var word in words)
        {
            var gap = pieces.Count > 0 && word.SpaceBefore ? spaceWidth : 0;
            if (pieces.Count > 0 && x + gap + word.Width > width)
            {
                EndLine();
                gap = 0;
            }

            if (word.Width > width && pieces.Count == 0)
            {
                // A word longer than the line: break it between characters.
                foreach (var piece in word.Pieces)
                {
                    foreach (var rune in piece.Text.EnumerateRunes())
                    {
                        var text = rune.ToString();
                        var w = Measure(text, piece.Font);
                        if (x + w > width && pieces.Count > 0)
                        {
                            EndLine();
                        }

                        pieces.Add(piece with { Text = text, X = x, Width = w });
                        x += w;
                    }
                }

                continue;
            }

            x += gap;
            foreach (var piece in word.Pieces)
            {
                pieces.Add(piece with { X = x });
                x += piece.Width;
            }
        }

        if (pieces.Count > 0)
        {
            EndLine();
        }

        return lines;
    }

    private sealed record Word(List<PlacedText> Pieces, bool SpaceBefore)
    {
        public double Width => Pieces.Sum(p => p.Width);
    }

    /// <summary>Splits runs into words (a CJK character is a word of its own) made of pieces in one font each.</summary>
    private List<Word> Words(IReadOnlyList<InlineRun> runs, TextStyle style)
    {
        var words = new List<Word>();
        var current = new List<PlacedText>();
        var spaceBefore = false;
        var text = new StringBuilder();
        XFont? pieceFont = null;
        XBrush? pieceBrush = null;
        var pieceSuper = false;

        void FlushPiece()
        {
            if (text.Length > 0 && pieceFont is not null && pieceBrush is not null)
            {
                var s = text.ToString();
                current.Add(new PlacedText(s, pieceFont, 0, Measure(s, pieceFont), pieceSuper, pieceBrush));
            }

            text.Clear();
        }

        void FlushWord()
        {
            FlushPiece();
            if (current.Count > 0)
            {
                words.Add(new Word(current, spaceBefore));
                current = [];
                spaceBefore = false;
            }
        }

        foreach (var run in runs)
        {
            var runStyle = style with { Bold = style.Bold || run.Bold, Italic = style.Italic || run.Italic };
            var brush = new XSolidBrush(style.Color ?? Ink);
            if (run.NoteNumber is not null)
            {
                FlushPiece();
                var superFont = Font(runStyle with { Family = ExportFonts.Sans, Size = style.Size * 0.62, Bold = true });
                pieceFont = superFont;
                pieceBrush = new XSolidBrush(Accent);
                pieceSuper = true;
                text.Append(run.Text);
                FlushPiece();
                continue;
            }

            foreach (var rune in run.Text.EnumerateRunes())
            {
                if (Rune.IsWhiteSpace(rune))
                {
                    FlushWord();
                    spaceBefore = true;
                    continue;
                }

                var cp = rune.Value;
                XFont font;
                if (ExportFonts.PrimaryCovers(cp))
                {
                    font = Font(runStyle);
                }
                else if (ExportFonts.FallbackCovers(cp))
                {
                    font = Font(runStyle with { Family = ExportFonts.Fallback });
                }
                else
                {
                    _missing.Add(cp);
                    font = Font(runStyle);
                }

                var cjk = IsCjk(cp);
                if (cjk)
                {
                    FlushWord();
                }

                if (!ReferenceEquals(font, pieceFont) || pieceSuper || !ReferenceEquals(brush, pieceBrush))
                {
                    FlushPiece();
                    pieceFont = font;
                    pieceBrush = brush;
                    pieceSuper = false;
                }

                text.Append(rune.ToString());
                if (cjk)
                {
                    FlushWord();
                }
            }
        }

        FlushWord();
        return words;
    }

    /// <summary>Scripts written without spaces, where a line may break between any two characters.</summary>
    private static bool IsCjk(int cp) =>
        cp is (>= 0x3000 and <= 0x30FF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF)
            or (>= 0xF900 and <= 0xFAFF) or (>= 0xFF00 and <= 0xFFEF) or (>= 0x20000 and <= 0x2FFFF);

    private XFont Font(TextStyle style)
    {
        var fontStyle = (style.Bold, style.Italic) switch
        {
            (true, true) => XFontStyleEx.BoldItalic,
            (true, false) => XFontStyleEx.Bold,
            (false, true) => XFontStyleEx.Italic,
            _ => XFontStyleEx.Regular,
        };
        var key = (style.Family, style.Size, fontStyle);
        if (!_fonts.TryGetValue(key, out var font))
        {
            font = new XFont(style.Family, style.Size, fontStyle, new XPdfFontOptions(PdfFontEncoding.Unicode));
            _fonts[key] = font;
        }

        return font;
    }

    private double Measure(string text, XFont font)
    {
        if (!_widths.TryGetValue((text, font), out var width))
        {
            width = _measure.MeasureString(text, font).Width;
            _widths[(text, font)] = width;
        }

        return width;
    }
}
